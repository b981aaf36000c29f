package io.parley.engine;

/**
 * What one request asks of the engine: a number of evaluations of a scenario, each of which works
 * through every product in every period. Their product, {@link #units()}, is what the time of a run
 * grows with (about 2.5 ns a unit on one core, docs/performance.md), so ceilings and admission are
 * stated in units rather than in evaluations alone, which would let one large scenario run for hours.
 *
 * @param evaluations    evaluations the request makes at most (≥ 0)
 * @param productPeriods products × periods of the scenario evaluated (≥ 1; a scenario without
 *                       products still works through its periods)
 */
public record Cost(long evaluations, long productPeriods) {

    public Cost {
        if (evaluations < 0) {
            throw new IllegalArgumentException("evaluations must be ≥ 0: " + evaluations);
        }
        if (productPeriods < 1) {
            throw new IllegalArgumentException("product-periods must be ≥ 1: " + productPeriods);
        }
    }

    /** The cost of {@code evaluations} evaluations of {@code compiled}. */
    public static Cost of(long evaluations, CompiledScenario compiled) {
        return new Cost(evaluations, (long) Math.max(1, compiled.productCount) * compiled.periods);
    }

    /** The units of all {@code costs} together (saturating at Long.MAX_VALUE). */
    public static long units(Iterable<Cost> costs) {
        long sum = 0;
        for (Cost c : costs) {
            long u = c.units();
            sum = u > Long.MAX_VALUE - sum ? Long.MAX_VALUE : sum + u;
        }
        return sum;
    }

    /** evaluations × product-periods; Long.MAX_VALUE when that does not fit in a long. */
    public long units() {
        long high = Math.multiplyHigh(evaluations, productPeriods);
        long low = evaluations * productPeriods;
        return high != 0 || low < 0 ? Long.MAX_VALUE : low;
    }
}
