package io.parley.engine;

import io.parley.model.RebateBasis;

/**
 * Steps of {@link BatchEvaluator} over a chunk of lanes worked other than by its plain loops over lane arrays,
 * with each lane's figures those loops give to the last bit: the same operations in the same order per lane.
 * Lanes are taken a vector at a time, past n up to the chunk's width (those lanes are worked and never read).
 * Made by {@link VectorApi#kernel}.
 */
interface LaneKernel {

    /** A moved product's lane arrays in {@link #productSums}: volume, list price, unit cost, discounts, steps. */
    int VOLUME = 0, PRICE = 1, UNIT_COST = 2, TERMS_DISCOUNT = 3, BASELINE_DISCOUNT = 4, VOLUME_STEP = 5, COST_STEP = 6;
    /** A fixed product's figures of a period in {@link #productSums}: LR, DS, NR, NR_b, COGS. */
    int FIGURES = 5;

    /**
     * Period t's sums over the products in lanes [0, n), from zero, into {@code lanes}' period tables, each product
     * added in order: product l's
     * {@code moved[l]} lane arrays (indexed {@link #VOLUME} …; its volume and unit cost advanced a period), or,
     * where {@code moved[l]} is null, its figures {@code fixed[FIGURES * l] …}, the same in every lane.
     * {@code BatchEvaluator.periodLanes}' and {@code addFixed}'s operations.
     */
    void productSums(double[][][] moved, double[] fixed, int products, ProfitAndLossLanes lanes, int t, int n);

    /**
     * Year y's net spend and baseline net spend of lanes [0, n) from {@code lanes}' period tables: from zero, each
     * period's net revenue added in order, as {@code BatchEvaluator.rebateRates} sums them.
     */
    void yearSpend(ProfitAndLossLanes lanes, int y, double[] spend, double[] baselineSpend, int n);

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
