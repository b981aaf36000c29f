package io.parley.engine;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import io.parley.model.RebateBasis;

/**
 * The batch evaluator's periods with the Java Vector API. The P&L: a vector of lanes at a time through every
 * period (in two passes, each carrying fewer vectors), its running sums, discount factors, payback and
 * lowest year margin held in registers from the first period to the last, where the plain loops pass over ≈ 110
 * lane arrays a period, and the summary's ratios formed from them; a period's sums over the
 * products, held in registers while each product is added; the rebate tiers' selects as blends. Each lane's
 * operations are the plain loops' ({@code BatchEvaluator.supplierPeriod}, {@code customerPeriod}, the year's
 * ends, {@code periodLanes}, {@code addFixed}, {@code rates}), in their order: separate multiplies and adds (no
 * fused multiply-add), no reassociation, and the branches as masks and blends, so every figure is the plain
 * loops' and the scalar evaluator's to the bit. Loaded only when {@link VectorApi#AVAILABLE}.
 *
 * <p>JDK 17's C2 keeps a vector in a register through a loop but boxes it (an allocation each) where a
 * nested loop or some branches merge two of them: the loops here are shaped so that none does, which
 * {@code AllocationFreeTest} holds them to.
 */
final class VectorLaneKernel implements LaneKernel {

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    private VectorLaneKernel() {
    }

    /** The kernel for chunks of {@code width} lanes, or null when its vectors do not divide the width. */
    static LaneKernel forWidth(int width) {
        return width % SPECIES.length() == 0 ? new VectorLaneKernel() : null;
    }

    /**
     * Each tier a loop over the lanes, the rebates in {@code rebate} between them (a vector carried from one tier
     * to the next would be boxed, see {@link #values}); the first tier starts from zero and the last one leaves the
     * rates, so a chunk takes one pass per tier. Each case a loop of its own: a vector chosen by a branch in the
     * loop would be boxed where the branches merge.
     */
    @Override
    public void tierRates(RebateBasis basis, double[] tiers, int at, int count, double[] spend, double[] rebate,
            double[] rates, int n) {
        int step = SPECIES.length();
        boolean retroactive = basis == RebateBasis.RETROACTIVE;
        for (int k = 0; k < count; k++) {
            double threshold = tiers[at + 2 * k];
            double rate = tiers[at + 2 * k + 1];
            VectorMask<Double> first = SPECIES.maskAll(k == 0);
            boolean last = k + 1 == count;
            if (retroactive && !last) {
                for (int b = 0; b < n; b += step) {
                    // the rate of the highest tier reached (threshold ≤ spend)
                    DoubleVector s = DoubleVector.fromArray(SPECIES, spend, b);
                    rebateSoFar(rebate, b, first).blend(rate, s.compare(VectorOperators.GE, threshold)).intoArray(rebate, b);
                }
            } else if (retroactive) {
                for (int b = 0; b < n; b += step) {
                    DoubleVector s = DoubleVector.fromArray(SPECIES, spend, b);
                    DoubleVector r = rebateSoFar(rebate, b, first).blend(rate, s.compare(VectorOperators.GE, threshold));
                    rate(r.mul(s), s).intoArray(rates, b);                            // on all of the spend
                }
            } else if (!last) {
                double next = tiers[at + 2 * k + 2];
                for (int b = 0; b < n; b += step) {
                    // on the part of the spend in the tier, where the spend passes its start
                    DoubleVector s = DoubleVector.fromArray(SPECIES, spend, b);
                    DoubleVector r = rebateSoFar(rebate, b, first);
                    DoubleVector part = s.min(next).sub(threshold);
                    r.blend(r.add(part.mul(rate)), s.compare(VectorOperators.GT, threshold)).intoArray(rebate, b);
                }
            } else {
                for (int b = 0; b < n; b += step) {
                    DoubleVector s = DoubleVector.fromArray(SPECIES, spend, b);
                    DoubleVector r = rebateSoFar(rebate, b, first);
                    rate(r.blend(r.add(s.sub(threshold).mul(rate)), s.compare(VectorOperators.GT, threshold)), s)
                            .intoArray(rates, b);
                }
            }
        }
    }

    /** The rebates of the lanes from b after the tiers before this one: zero at the first tier. */
    private static DoubleVector rebateSoFar(double[] rebate, int b, VectorMask<Double> first) {
        return DoubleVector.fromArray(SPECIES, rebate, b).blend(0, first);
    }

    /** The rebate as a rate of the spend, 0 without spend. */
    private static DoubleVector rate(DoubleVector rebate, DoubleVector spend) {
        return DoubleVector.zero(SPECIES).blend(rebate.div(spend), spend.compare(VectorOperators.GT, 0));
    }

    /** The period's five sums of a vector of lanes held in registers while every product is added to them. */
    @Override
    public void productSums(double[][][] moved, double[] fixed, int products, ProfitAndLossLanes lanes, int t, int n) {
        int at = t * lanes.width();
        for (int b = 0; b < n; b += SPECIES.length()) {
            DoubleVector lrSum = DoubleVector.zero(SPECIES), dsSum = lrSum, nrSum = lrSum, nrbSum = lrSum, cogsSum = lrSum;
            for (int l = 0; l < products; l++) {
                double[][] p = moved[l];
                if (p == null) {
                    int f = FIGURES * l;
                    lrSum = lrSum.add(fixed[f]);
                    dsSum = dsSum.add(fixed[f + 1]);
                    nrSum = nrSum.add(fixed[f + 2]);
                    nrbSum = nrbSum.add(fixed[f + 3]);
                    cogsSum = cogsSum.add(fixed[f + 4]);
                } else {
                    DoubleVector volume = DoubleVector.fromArray(SPECIES, p[VOLUME], b);
                    DoubleVector unitCost = DoubleVector.fromArray(SPECIES, p[UNIT_COST], b);
                    DoubleVector lr = volume.mul(DoubleVector.fromArray(SPECIES, p[PRICE], b));
                    DoubleVector ds = lr.mul(DoubleVector.fromArray(SPECIES, p[TERMS_DISCOUNT], b));
                    lrSum = lrSum.add(lr);
                    dsSum = dsSum.add(ds);
                    nrSum = nrSum.add(lr.sub(ds));
                    nrbSum = nrbSum.add(lr.sub(lr.mul(DoubleVector.fromArray(SPECIES, p[BASELINE_DISCOUNT], b))));
                    cogsSum = cogsSum.add(volume.mul(unitCost));
                    volume.mul(DoubleVector.fromArray(SPECIES, p[VOLUME_STEP], b)).intoArray(p[VOLUME], b);
                    unitCost.mul(DoubleVector.fromArray(SPECIES, p[COST_STEP], b)).intoArray(p[UNIT_COST], b);
                }
            }
            lrSum.intoArray(lanes.listRevenue(), at + b);
            dsSum.intoArray(lanes.discount(), at + b);
            nrSum.intoArray(lanes.netRevenue(), at + b);
            nrbSum.intoArray(lanes.baselineNetRevenue(), at + b);
            cogsSum.intoArray(lanes.cogs(), at + b);
        }
    }

    /** A period at a time, each vector of lanes loaded, added to and stored: no vector carried through a nested loop. */
    @Override
    public void yearSpend(ProfitAndLossLanes lanes, int y, double[] spend, double[] baselineSpend, int n) {
        int ppy = lanes.periodsPerYear(), width = lanes.width(), step = SPECIES.length();
        double[] netRevenue = lanes.netRevenue(), baselineNetRevenue = lanes.baselineNetRevenue();
        DoubleVector zero = DoubleVector.zero(SPECIES);
        for (int b = 0, first = y * ppy * width; b < n; b += step) {
            int at = first + b;
            zero.add(DoubleVector.fromArray(SPECIES, netRevenue, at)).intoArray(spend, b);    // 0 + NR (−0 turns +0)
            zero.add(DoubleVector.fromArray(SPECIES, baselineNetRevenue, at)).intoArray(baselineSpend, b);
        }
        for (int t = y * ppy + 1; t < (y + 1) * ppy; t++) {
            for (int b = 0, row = t * width; b < n; b += step) {
                int at = row + b;
                DoubleVector.fromArray(SPECIES, spend, b).add(DoubleVector.fromArray(SPECIES, netRevenue, at))
                        .intoArray(spend, b);
                DoubleVector.fromArray(SPECIES, baselineSpend, b)
                        .add(DoubleVector.fromArray(SPECIES, baselineNetRevenue, at)).intoArray(baselineSpend, b);
            }
        }
    }

    /**
     * Each vector of lanes in two passes over the periods, the NPVs and the customer's values first, then the sums,
     * payback and year margins: one pass holds some 35 vectors from period to period, more than the 32 registers
     * (C2's loop moved 38 vectors to and from the stack a period; the two passes' loops move 14 and 22, and ran a
     * few per cent faster). The second pass works the period's rebate, cost to serve, financing and contribution
     * out again, by the same operations.
     */
    @Override
    public void profitAndLoss(ProfitAndLossLanes lanes, int n) {
        for (int b = 0; b < n; b += SPECIES.length()) {
            values(lanes, b);
            sums(lanes, b);
        }
    }

    /**
     * The NPVs, the customer's savings and NPV of the lanes from {@code b}, every period; then the concession's cost
     * and the value leverage.
     */
    private static void values(ProfitAndLossLanes l, int b) {
        DoubleVector zero = DoubleVector.zero(SPECIES);
        DoubleVector servicesCost = DoubleVector.fromArray(SPECIES, l.servicesCost(), b);
        DoubleVector baselineServicesCost = DoubleVector.fromArray(SPECIES, l.baselineServicesCost(), b);
        DoubleVector servicesValue = DoubleVector.fromArray(SPECIES, l.servicesValue(), b);
        DoubleVector financeRate = DoubleVector.fromArray(SPECIES, l.financeRate(), b);
        DoubleVector baselineFinanceRate = DoubleVector.fromArray(SPECIES, l.baselineFinanceRate(), b);
        DoubleVector paymentValueRate = DoubleVector.fromArray(SPECIES, l.paymentValueRate(), b);
        DoubleVector baselinePaymentValueRate = DoubleVector.fromArray(SPECIES, l.baselinePaymentValueRate(), b);
        DoubleVector supplierDiscountStep = DoubleVector.fromArray(SPECIES, l.supplierDiscountStep(), b);
        DoubleVector customerDiscountStep = DoubleVector.fromArray(SPECIES, l.customerDiscountStep(), b);
        DoubleVector investment = DoubleVector.fromArray(SPECIES, l.investment(), b);
        DoubleVector fixedCost = DoubleVector.fromArray(SPECIES, l.fixedCost(), b);
        DoubleVector supplierDiscount = supplierDiscountStep;                   // end of period 0
        DoubleVector customerDiscount = customerDiscountStep;
        DoubleVector npv = zero, npvBaseline = zero, savings = zero, customerNpv = zero;
        int ppy = l.periodsPerYear(), periods = l.years() * ppy, width = l.width();
        // One loop over the periods: on JDK 17, C2 keeps vectors in registers through a loop, but boxes them (an
        // allocation each) where a nested loop or a branch merges two of them. Period t's lanes from at = t × width
        // + b in the tables, its year's from yearAt.
        for (int t = 0, k = 0, at = b, yearAt = b; t < periods; t++, at += width) {
            DoubleVector survival = DoubleVector.fromArray(SPECIES, l.survival(), yearAt);
            DoubleVector nr = DoubleVector.fromArray(SPECIES, l.netRevenue(), at);
            DoubleVector nrb = DoubleVector.fromArray(SPECIES, l.baselineNetRevenue(), at);
            DoubleVector goods = DoubleVector.fromArray(SPECIES, l.cogs(), at);
            DoubleVector inv = investment.blend(0, SPECIES.maskAll(t != 0));  // I in the first period only
            // the supplier (BatchEvaluator.supplierPeriod)
            DoubleVector rb = nr.mul(DoubleVector.fromArray(SPECIES, l.rebateRate(), yearAt));      // RB = NR × e_y
            DoubleVector rbb = nrb.mul(DoubleVector.fromArray(SPECIES, l.baselineRebateRate(), yearAt));
            DoubleVector cts = fixedCost.add(servicesCost);                      // CTS = F + S
            DoubleVector fc = nr.mul(financeRate);                               // FC = NR × D/365 × r_s
            DoubleVector cm = nr.sub(rb).sub(goods).sub(cts).sub(fc);           // CM = GM − CTS − FC
            DoubleVector baselineCm = nrb.sub(rbb).sub(goods)
                    .sub(fixedCost.add(baselineServicesCost)).sub(nrb.mul(baselineFinanceRate));
            npv = npv.add(cm.mul(survival).sub(inv).mul(supplierDiscount));      // PV = (CM × s − I) × δ_s
            npvBaseline = npvBaseline.add(baselineCm.mul(survival).sub(inv).mul(supplierDiscount));
            // the customer (BatchEvaluator.customerPeriod)
            DoubleVector sv = nrb.sub(rbb).sub(nr.sub(rb));                     // SV = spend_b − spend
            savings = savings.add(sv);
            DoubleVector ptv = nr.mul(paymentValueRate).sub(nrb.mul(baselinePaymentValueRate));
            DoubleVector cv = sv.add(servicesValue).add(ptv);                   // CV = SV + services + PTV
            customerNpv = customerNpv.add(cv.mul(survival).mul(customerDiscount));
            // the steps to the next period
            fixedCost = fixedCost.mul(DoubleVector.fromArray(SPECIES, l.fixedCostStep(), yearAt));
            supplierDiscount = supplierDiscount.mul(supplierDiscountStep);
            customerDiscount = customerDiscount.mul(customerDiscountStep);
            if (++k == ppy) {
                k = 0;
                yearAt += width;
            }
        }
        npv.intoArray(l.npv(), b);
        npvBaseline.intoArray(l.npvBaseline(), b);
        savings.intoArray(l.savings(), b);
        customerNpv.intoArray(l.customerNpv(), b);
        // the summary's ratios of these (BatchEvaluator.summary), NaN where its selects put NaN
        DoubleVector concessionCost = npvBaseline.sub(npv);
        concessionCost.intoArray(l.concessionCost(), b);
        DoubleVector.broadcast(SPECIES, Double.NaN)
                .blend(customerNpv.div(concessionCost), concessionCost.compare(VectorOperators.GT, 0))
                .intoArray(l.valueLeverage(), b);
    }

    /**
     * The sums, payback and lowest year margin of the lanes from {@code b}, every period, the period's rebate, cost to
     * serve, financing and contribution as {@link #values} works them out; then the summary's ratios of the sums.
     */
    private static void sums(ProfitAndLossLanes l, int b) {
        DoubleVector zero = DoubleVector.zero(SPECIES);
        DoubleVector nan = DoubleVector.broadcast(SPECIES, Double.NaN);
        DoubleVector servicesCost = DoubleVector.fromArray(SPECIES, l.servicesCost(), b);
        DoubleVector financeRate = DoubleVector.fromArray(SPECIES, l.financeRate(), b);
        DoubleVector investment = DoubleVector.fromArray(SPECIES, l.investment(), b);
        DoubleVector fixedCost = DoubleVector.fromArray(SPECIES, l.fixedCost(), b);
        DoubleVector sumLr = zero, sumDs = zero, sumNr = zero, sumRb = zero, sumCogs = zero, sumCts = zero;
        DoubleVector sumFc = zero, sumCm = zero, sumCf = zero, runningCashFlow = zero;
        DoubleVector payback = nan, minYearMargin = nan, firstYearNr = zero;
        DoubleVector yearNr = zero, yearRb = zero, yearCm = zero;
        int ppy = l.periodsPerYear(), periods = l.years() * ppy, width = l.width();
        // as in values(), one loop, the years' starts and ends as masks of all lanes or none
        for (int t = 0, y = 0, k = 0, at = b, yearAt = b; t < periods; t++, at += width) {
            VectorMask<Double> yearStarts = SPECIES.maskAll(k == 0);
            VectorMask<Double> yearEnds = SPECIES.maskAll(k == ppy - 1);
            DoubleVector nr = DoubleVector.fromArray(SPECIES, l.netRevenue(), at);
            DoubleVector goods = DoubleVector.fromArray(SPECIES, l.cogs(), at);
            DoubleVector inv = investment.blend(0, SPECIES.maskAll(t != 0));
            DoubleVector rb = nr.mul(DoubleVector.fromArray(SPECIES, l.rebateRate(), yearAt));
            DoubleVector cts = fixedCost.add(servicesCost);
            DoubleVector fc = nr.mul(financeRate);
            DoubleVector cm = nr.sub(rb).sub(goods).sub(cts).sub(fc);
            sumLr = sumLr.add(DoubleVector.fromArray(SPECIES, l.listRevenue(), at));
            sumDs = sumDs.add(DoubleVector.fromArray(SPECIES, l.discount(), at));
            sumNr = sumNr.add(nr);
            sumRb = sumRb.add(rb);
            sumCogs = sumCogs.add(goods);
            sumCts = sumCts.add(cts);
            sumFc = sumFc.add(fc);
            sumCm = sumCm.add(cm);
            DoubleVector cf = cm.sub(inv);                                       // CF = CM − I
            sumCf = sumCf.add(cf);
            runningCashFlow = runningCashFlow.add(cf);
            // the year's sums (from zero at its start), the step to the next period, the payback's first period
            yearNr = yearNr.blend(0, yearStarts).add(nr);
            yearRb = yearRb.blend(0, yearStarts).add(rb);
            yearCm = yearCm.blend(0, yearStarts).add(cm);
            fixedCost = fixedCost.mul(DoubleVector.fromArray(SPECIES, l.fixedCostStep(), yearAt));
            VectorMask<Double> turned = runningCashFlow.compare(VectorOperators.GE, 0)
                    .and(payback.test(VectorOperators.IS_NAN));
            // (a double: broadcast(long) checks that the long converts)
            payback = payback.blend(DoubleVector.broadcast(SPECIES, (double) (t + 1)), turned);
            // at the year's end: its margin, NaN without revenue; the lowest of the years that have one
            DoubleVector net = yearNr.sub(yearRb);
            DoubleVector yearMargin = yearCm.div(net).blend(nan, net.compare(VectorOperators.EQ, 0));
            VectorMask<Double> lower = yearMargin.test(VectorOperators.IS_NAN).not()
                    .and(minYearMargin.test(VectorOperators.IS_NAN).or(yearMargin.compare(VectorOperators.LT, minYearMargin)));
            minYearMargin = minYearMargin.blend(yearMargin, lower.and(yearEnds));
            firstYearNr = firstYearNr.blend(yearNr, yearEnds.and(SPECIES.maskAll(y == 0)));
            if (++k == ppy) {
                k = 0;
                y++;
                yearAt += width;
            }
        }
        sumLr.intoArray(l.sumLr(), b);
        sumDs.intoArray(l.sumDs(), b);
        sumNr.intoArray(l.sumNr(), b);
        sumRb.intoArray(l.sumRb(), b);
        sumCogs.intoArray(l.sumCogs(), b);
        sumCts.intoArray(l.sumCts(), b);
        sumFc.intoArray(l.sumFc(), b);
        sumCm.intoArray(l.sumCm(), b);
        sumCf.intoArray(l.sumCf(), b);
        payback.intoArray(l.payback(), b);
        minYearMargin.intoArray(l.minYearMargin(), b);
        firstYearNr.intoArray(l.firstYearNr(), b);
        yearNr.intoArray(l.yearNr(), b);
        // the summary's ratios of the sums (BatchEvaluator.summary), NaN where its selects put NaN
        DoubleVector net = sumNr.sub(sumRb);
        DoubleVector grossMargin = net.sub(sumCogs);
        VectorMask<Double> noNet = net.compare(VectorOperators.EQ, 0);
        grossMargin.intoArray(l.grossMargin(), b);
        grossMargin.div(net).blend(nan, noNet).intoArray(l.grossMarginPct(), b);
        sumCm.div(net).blend(nan, noNet).intoArray(l.contributionPct(), b);
        yearNr.div(firstYearNr).intoArray(l.revenueRatio(), b);
    }
}
