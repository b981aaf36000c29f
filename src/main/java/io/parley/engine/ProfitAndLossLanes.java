package io.parley.engine;

/**
 * The lane arrays a chunk of {@link BatchEvaluator}'s P&L reads and the figures it leaves for the summary,
 * named for a {@link LaneKernel} that works through the periods another way. Tables are flat, period t of lane b
 * at {@code t × width + b}, year y at {@code y × width + b} (a row an offset, not an array of its own that C2
 * loads and checks a period); the others are indexed {@code [lane]}, at least a chunk's width long. Read: the
 * period tables, the years' rebate rates, survival and fixed-cost steps, and
 * the lanes' rates and costs as {@code BatchEvaluator.setUpProfitAndLoss} leaves them. Written: the sums,
 * NPVs, payback, lowest year margin, the first and last years' net revenue, and the summary's ratios as
 * {@code BatchEvaluator.summary} forms them: gross margin and its rate, the contribution's rate, the concession's
 * cost, the value leverage (NaN where the ratios' rules give NaN) and the last year's net revenue over the first's.
 */
record ProfitAndLossLanes(
        int years, int periodsPerYear, int width,
        double[] listRevenue, double[] discount, double[] netRevenue, double[] baselineNetRevenue, double[] cogs,
        double[] rebateRate, double[] baselineRebateRate, double[] survival, double[] fixedCostStep,
        double[] investment, double[] servicesCost, double[] baselineServicesCost, double[] servicesValue,
        double[] financeRate, double[] baselineFinanceRate, double[] paymentValueRate,
        double[] baselinePaymentValueRate, double[] fixedCost, double[] supplierDiscountStep,
        double[] customerDiscountStep,
        double[] sumLr, double[] sumDs, double[] sumNr, double[] sumRb, double[] sumCogs, double[] sumCts,
        double[] sumFc, double[] sumCm, double[] sumCf, double[] npv, double[] npvBaseline, double[] savings,
        double[] customerNpv, double[] payback, double[] minYearMargin, double[] firstYearNr, double[] yearNr,
        double[] grossMargin, double[] grossMarginPct, double[] contributionPct, double[] concessionCost,
        double[] valueLeverage, double[] revenueRatio) {
}
