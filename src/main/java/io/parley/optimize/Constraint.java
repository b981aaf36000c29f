package io.parley.optimize;

import java.util.Optional;

import io.parley.model.Numbers;

/**
 * A named rule the deal must meet: min ≤ form ≤ max (either side may be infinite). The name is the
 * one a manager would recognise, e.g. "customer NPV ≥ what procurement demands". A rule that stands
 * for a bound on a ratio carries that ratio ({@link Ratio}), so answers can speak of the margin, not
 * of the linear rule with bound 0 the solver keeps.
 */
public record Constraint(String name, LinearForm form, double min, double max, Ratio ratio) {

    /** How a rule's figures read to its author. */
    public enum Unit {
        /** A currency figure, or a sum of them. */
        CURRENCY,
        /** A ratio (a margin, a leverage): 0.22 is 22 %. */
        RATIO,
        /** A weighted sum of decisions, in the decisions' own units. */
        DECISIONS
    }

    /**
     * The ratio a linear rule stands for: numerator / denominator ≥ bound (a floor) or ≤ bound (a
     * ceiling), kept as numerator − bound × denominator ≥ 0 (or ≤ 0), exact while the denominator is
     * positive. A {@code share} (a margin) is spoken of in per cent; any other ratio (a leverage) as a multiple.
     * {@code condition} names the condition of the request the rule keeps: a floor on the lowest year's
     * margin is one condition kept by one rule per contract year, and moves as one.
     */
    public record Ratio(String metric, LinearForm numerator, LinearForm denominator, double bound, boolean floor,
                        boolean share, String condition) {

        /** Whether {@code other} keeps the same condition (another year of one floor). */
        public boolean sameCondition(Ratio other) {
            return other != null && condition.equals(other.condition) && floor == other.floor && bound == other.bound;
        }
    }

    public Constraint {
        if (min > max) throw new IllegalArgumentException(name + ": min " + min + " > max " + max);
    }

    /** A rule on a currency figure or on decisions. */
    public Constraint(String name, LinearForm form, double min, double max) {
        this(name, form, min, max, null);
    }

    public Unit unit() {
        if (ratio != null) return Unit.RATIO;
        return form.quantities().isEmpty() ? Unit.DECISIONS : Unit.CURRENCY;
    }

    /** The floor as its author stated it: a ratio floor's ratio, else {@link #min}. */
    public double statedMin() {
        if (ratio == null) return min;
        return ratio.floor() ? ratio.bound() : Double.NEGATIVE_INFINITY;
    }

    /** The ceiling as its author stated it: a ratio ceiling's ratio, else {@link #max}. */
    public double statedMax() {
        if (ratio == null) return max;
        return ratio.floor() ? Double.POSITIVE_INFINITY : ratio.bound();
    }

    /** A copy with the stated bound moved to {@code bound}: a ratio rule gets the rule of the new ratio. */
    public Constraint withStatedBound(double bound, boolean floor) {
        if (ratio == null) return floor ? new Constraint(name, form, bound, max) : new Constraint(name, form, min, bound);
        LinearForm moved = ratio.numerator().plus(ratio.denominator(), -bound);
        return new Constraint(name, moved, min, max, new Ratio(ratio.metric(), ratio.numerator(), ratio.denominator(),
                bound, ratio.floor(), ratio.share(), ratio.condition()));
    }

    /** Why [{@code min}, {@code max}] cannot bound a rule or a decision, if it cannot. */
    public static Optional<String> problemWithRange(double min, double max) {
        return min > max ? Optional.of(Numbers.plain(max) + " is below min " + Numbers.plain(min)) : Optional.empty();
    }

    /** The name of a rule on {@code what} that its author did not name: "npv ≥ 5", "0 ≤ x ≤ 1". */
    public static String nameFor(String what, double min, double max) {
        if (Double.isInfinite(max)) return what + " ≥ " + Numbers.plain(min);
        if (Double.isInfinite(min)) return what + " ≤ " + Numbers.plain(max);
        return Numbers.plain(min) + " ≤ " + what + " ≤ " + Numbers.plain(max);
    }
}
