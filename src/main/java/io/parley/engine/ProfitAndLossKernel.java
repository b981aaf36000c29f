package io.parley.engine;

/**
 * The P&L's periods for one chunk of {@link BatchEvaluator}'s lanes, worked through other than by its plain
 * loops over lane arrays, with each lane's figures those loops give to the last bit: the same operations in
 * the same order per lane. Made by {@link VectorApi#profitAndLoss}.
 */
interface ProfitAndLossKernel {

    /** Every period of lanes [0, n) of {@code lanes}, its figures into their sums (see {@link ProfitAndLossLanes}). */
    void run(ProfitAndLossLanes lanes, int n);
}
