package io.parley.identity;

/**
 * One caller's budget of compute work, a token bucket over work units (evaluations × product-periods,
 * engine/Cost): it holds at most {@code capacity} units, starts full, and refills evenly at
 * {@code capacity} per {@code windowMillis}. A request takes its whole estimated cost up front, or
 * nothing: a burst may spend the whole budget at once, after which work is admitted as fast as the
 * budget refills. Times are milliseconds of any clock that does not run backwards (one that does is
 * read as standing still).
 */
public final class WorkBudget {

    /** What became of one request's charge. */
    public enum Outcome {
        /** The units were taken. */
        ADMITTED,
        /** Fewer units are left than the request costs: it fits once the budget has refilled (429). */
        OVER_BUDGET,
        /** The request costs more than the whole budget holds, so no wait would let it in (422). */
        LARGER_THAN_BUDGET
    }

    /**
     * The answer to one charge, with what the RateLimit headers state.
     *
     * @param outcome           admitted or why not
     * @param capacity          units the budget holds when full (the policy's quota)
     * @param windowSeconds     seconds in which an empty budget refills completely (the policy's window)
     * @param remaining         whole units left after this charge
     * @param resetSeconds      seconds until the budget is full again (0 when it is), rounded up
     * @param retryAfterSeconds for {@link Outcome#OVER_BUDGET}, seconds until this request would fit,
     *                          rounded up (≥ 1); 0 otherwise
     */
    public record Decision(Outcome outcome, long capacity, long windowSeconds, long remaining, long resetSeconds,
                           long retryAfterSeconds) {
        public boolean admitted() {
            return outcome == Outcome.ADMITTED;
        }
    }

    private final long capacity;
    private final long windowMillis;
    /** Units held, fractional because refill is continuous; 0 ≤ units ≤ capacity. */
    private double units;
    private long refilledAt;

    /**
     * @param capacity     units when full (≥ 1)
     * @param windowMillis time an empty budget takes to refill completely (≥ 1000, a whole number of seconds)
     * @param now          the time it starts, full
     */
    public WorkBudget(long capacity, long windowMillis, long now) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a budget must hold at least 1 unit: " + capacity);
        }
        if (windowMillis < 1000 || windowMillis % 1000 != 0) {
            throw new IllegalArgumentException("a budget's window must be a whole number of seconds: " + windowMillis + " ms");
        }
        this.capacity = capacity;
        this.windowMillis = windowMillis;
        this.units = capacity;
        this.refilledAt = now;
    }

    /** Takes {@code cost} units at {@code now} if they are there, else nothing. */
    public synchronized Decision take(long cost, long now) {
        if (cost < 0) {
            throw new IllegalArgumentException("a cost is ≥ 0 units: " + cost);
        }
        refill(now);
        if (cost > capacity) {
            return decision(Outcome.LARGER_THAN_BUDGET, 0);
        }
        if (cost > units) {
            return decision(Outcome.OVER_BUDGET, Math.max(1, secondsToRefill(cost - units)));
        }
        units -= cost;
        return decision(Outcome.ADMITTED, 0);
    }

    /** Gives back units taken for work that never ran (it was refused for another reason); never past full. */
    public synchronized void giveBack(long cost, long now) {
        refill(now);
        units = Math.min(capacity, units + cost);
    }

    /** Whether the budget is full at {@code now}: then it is the same as a new one, and may be forgotten. */
    public synchronized boolean isFull(long now) {
        refill(now);
        return units >= capacity;
    }

    public long capacity() {
        return capacity;
    }

    private void refill(long now) {
        long elapsed = now - refilledAt;
        if (elapsed <= 0) return; // a clock that stands still or went back adds nothing
        // refill at capacity per window: units += elapsed × capacity / window, up to capacity
        units = Math.min(capacity, units + (double) elapsed / windowMillis * capacity);
        refilledAt = now;
    }

    /** Seconds, rounded up, in which {@code missing} units refill. */
    private long secondsToRefill(double missing) {
        // time = missing / capacity × window; ceil in whole seconds, as Retry-After and RateLimit state them
        return (long) Math.ceil(missing / capacity * windowMillis / 1000.0 - 1e-9);
    }

    private Decision decision(Outcome outcome, long retryAfter) {
        return new Decision(outcome, capacity, windowMillis / 1000, (long) Math.floor(units + 1e-9),
                secondsToRefill(capacity - units), retryAfter);
    }
}
