package io.parley.plan;

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
}
