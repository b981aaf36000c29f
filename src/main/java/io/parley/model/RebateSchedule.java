package io.parley.model;

/**
 * The rebate formula of the model spec on flat storage, so the compiled evaluator can call it
 * without allocating: tier k's threshold is {@code tiers[offset + 2k]} and its rate {@code tiers[offset + 2k + 1]}.
 */
public final class RebateSchedule {

    private RebateSchedule() {
    }

    /**
     * Rebate on a contract year's net spend S_y.
     * RETROACTIVE: the highest tier whose threshold ≤ S_y pays its rate on all of S_y (0 if none is reached).
     * INCREMENTAL: Σ_k rate_k × max(0, min(S_y, threshold_{k+1}) − threshold_k), the last tier open-ended.
     */
    public static double rebate(RebateBasis basis, double[] tiers, int offset, int count, double spend) {
        if (count == 0 || spend <= 0) {
            return 0;
        }
        if (basis == RebateBasis.RETROACTIVE) {
            double rate = 0;
            for (int k = 0; k < count && tiers[offset + 2 * k] <= spend; k++) {
                rate = tiers[offset + 2 * k + 1];
            }
            return rate * spend;
        }
        double rebate = 0;
        for (int k = 0; k < count; k++) {
            double from = tiers[offset + 2 * k];
            if (spend <= from) {
                break;
            }
            double to = k + 1 < count ? Math.min(spend, tiers[offset + 2 * k + 2]) : spend;
            rebate += tiers[offset + 2 * k + 1] * (to - from);
        }
        return rebate;
    }
}
