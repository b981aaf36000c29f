package io.parley.engine;

import io.parley.model.RebateBasis;

/**
 * Steps of {@link BatchEvaluator} over a chunk of lanes worked other than by its plain loops over lane arrays,
 * with each lane's figures those loops give to the last bit: the same operations in the same order per lane.
 * Lanes are taken a vector at a time, past n up to the chunk's width (those lanes are worked and never read).
 * Made by {@link VectorApi#kernel}.
 */
interface LaneKernel {

    /** The P&L's periods of lanes [0, n): every period, its figures into their sums (see {@link ProfitAndLossLanes}). */
    void profitAndLoss(ProfitAndLossLanes lanes, int n);

    /**
     * {@code rates[b]}: the rebate on lane b's {@code spend} as a rate of it, 0 without spend, for {@code count > 0}
     * strictly ascending tiers the same in every lane ({@code tiers[at + 2k]} threshold, {@code tiers[at + 2k + 1]}
     * rate): {@code BatchEvaluator.rates}' loops over the tiers; {@code rebate} holds the rebates meanwhile.
     */
    void tierRates(RebateBasis basis, double[] tiers, int at, int count, double[] spend, double[] rebate, double[] rates,
            int n);
}
