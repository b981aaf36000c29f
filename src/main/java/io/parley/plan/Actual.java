package io.parley.plan;

import java.util.Optional;
import java.util.Set;

/**
 * What the account actually did in one period (1-based, of the agreed scenario's horizon).
 *
 * @param volumes the units per product as a JSON object, kept as uploaded
 */
public record Actual(int period, double netRevenue, double rebate, double cogs, double costToServe, String volumes) {

    /**
     * Periods one upload may carry: the longest horizon a scenario may have is 50 years of 12 months
     * (600 periods), so 10,000 holds every honest upload many times over while bounding what one
     * transaction writes (a 2 MiB CSV could otherwise carry some 150,000 rows).
     */
    public static final int MAX_PER_UPLOAD = 10_000;

    /** A period is counted from 1, and an upload gives each at most once: {@code earlier} are the periods before it. */
    public static Optional<String> problemWithPeriod(int period, Set<Integer> earlier) {
        if (period < 1) return Optional.of(period + " is not a period (1 or more)");
        return earlier.contains(period) ? Optional.of("period " + period + " is given twice") : Optional.empty();
    }

    /** Revenue, rebate, costs: amounts booked, never below zero (a credit note is booked against its period's figure). */
    public static Optional<String> problemWithAmount(double amount) {
        return amount < 0 ? Optional.of(amount + " is negative; must be ≥ 0") : Optional.empty();
    }

    /** Units sold of a product in the period: none or more. */
    public static Optional<String> problemWithUnits(double units) {
        return units < 0 ? Optional.of(units + " units is negative") : Optional.empty();
    }
}
