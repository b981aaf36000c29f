package io.parley.engine;

import org.junit.jupiter.api.Test;

import io.parley.Fixtures;
import io.parley.model.RebateBasis;

import static io.parley.engine.Hand.close;
import static io.parley.engine.Hand.deal;
import static io.parley.engine.Hand.exact;
import static io.parley.engine.Hand.flat;
import static io.parley.engine.Hand.product;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spec "Supplier P&L per period": GM = NR − RB − COGS; SC = Σ costPerYear / ppy; CTS = F / ppy × (1 + g_f)^τ + SC;
 * FC = NR × D / 365 × r_s; CM = GM − CTS − FC; INV = I at t = 0; CF = CM − INV; s(t) = p^floor(y / K);
 * ECF = CF × s (ECF(0) = CM(0) × s(0) − I); DF_s = (1 + r_s)^(−(t + 1) / ppy); NPV = Σ ECF × DF_s.
 * The flat widgets deal: 1000 a year at 10 costing 6, so NR = 10000 and COGS = 6000 a year, r_s = 0.10.
 */
class ProfitAndLossTest {

    @Test
    void grossMarginIsNetRevenueLessRebateLessCogs() {
        Report r = flat(1, 1).discount("widgets", 0.06).rebate(RebateBasis.RETROACTIVE, 0, 0.02).report();

        // NR = 10000 × 0.94 = 9400, RB = 0.02 × 9400 = 188, COGS = 6000 → GM = 9400 − 188 − 6000 = 3212
        assertThat(r.period(Line.GROSS_MARGIN, 0)).isCloseTo(3212, exact(3212));
        assertThat(r.metric(Metric.GROSS_MARGIN)).isCloseTo(3212, exact(3212));
    }

    @Test
    void servicesCostIsSpreadEvenlyOverThePeriods() {
        Report r = flat(1, 4).service("support", 400, 1000).service("training", 200, 0).report();

        for (int t = 0; t < 4; t++) {
            // SC(t) = (400 + 200) / 4 = 150; with F = 0, CTS(t) = 150
            assertThat(r.period(Line.SERVICES_COST, t)).as("SC(%d)", t).isCloseTo(150, exact(150));
            assertThat(r.period(Line.COST_TO_SERVE, t)).as("CTS(%d)", t).isCloseTo(150, exact(150));
        }
        // 4 × 150 = 600
        assertThat(r.metric(Metric.COST_TO_SERVE)).isCloseTo(600, exact(600));
    }

    @Test
    void costToServeInflatesEveryMonth() {
        Report r = flat(2, 12).costToServe(12000, 0.1).service("support", 1200, 0).report();

        // CTS(t) = 12000 / 12 × 1.1^(t/12) + 1200 / 12 = 1000 × 1.1^(t/12) + 100
        // CTS(0) = 1000 + 100 = 1100
        assertThat(r.period(Line.COST_TO_SERVE, 0)).isCloseTo(1100, exact(1100));
        // CTS(6) = 1000 × √1.1 + 100
        double cts6 = 1000 * Math.sqrt(1.1) + 100;
        assertThat(r.period(Line.COST_TO_SERVE, 6)).isCloseTo(cts6, exact(cts6));
        // CTS(12) = 1000 × 1.1 + 100 = 1200
        assertThat(r.period(Line.COST_TO_SERVE, 12)).isCloseTo(1200, exact(1200));
        // CTS(23) = 1000 × 1.1^(23/12) + 100
        double cts23 = 1000 * Math.pow(1.1, 23.0 / 12) + 100;
        assertThat(r.period(Line.COST_TO_SERVE, 23)).isCloseTo(cts23, exact(cts23));
        // the services part does not inflate: SC(23) = 100
        assertThat(r.period(Line.SERVICES_COST, 23)).isCloseTo(100, exact(100));
        // year 1: 1000 × Σ_{t<12} q^t + 12 × 100 with q = 1.1^(1/12): 1000 × (1.1 − 1) / (q − 1) + 1200
        double q = Math.pow(1.1, 1.0 / 12);
        double year1 = 1000 * 0.1 / (q - 1) + 1200;
        assertThat(r.year(Line.COST_TO_SERVE, 0)).isCloseTo(year1, exact(year1));
        // both years: 1000 × (1.1² − 1) / (q − 1) + 24 × 100
        double total = 1000 * 0.21 / (q - 1) + 2400;
        assertThat(r.metric(Metric.COST_TO_SERVE)).isCloseTo(total, exact(total));
    }

    @Test
    void financingCostIsNetRevenueTimesDaysOverYearTimesSupplierRate() {
        Report r = flat(1, 1).paymentDays(73).report();

        // FC = 10000 × 73 / 365 × 0.1 = 10000 × 0.2 × 0.1 = 200
        assertThat(r.metric(Metric.FINANCING_COST)).isCloseTo(200, exact(200));
    }

    @Test
    void financingCostIsOnInvoicedRevenueAtTheSuppliersRate() {
        Report r = flat(1, 4).discount("widgets", 0.2).rebate(RebateBasis.RETROACTIVE, 0, 0.05)
                .paymentDays(73).supplierCostOfCapital(0.08).customerCostOfCapital(0.5).report();

        for (int t = 0; t < 4; t++) {
            // NR(t) = 2500 × 0.8 = 2000 (the rebate does not reduce it)
            // FC(t) = 2000 × 73 / 365 × r_s = 2000 × 0.2 × 0.08 = 32 (r_c = 0.5 plays no part)
            assertThat(r.period(Line.FINANCING_COST, t)).as("FC(%d)", t).isCloseTo(32, exact(32));
        }
        // 4 × 32 = 128
        assertThat(r.metric(Metric.FINANCING_COST)).isCloseTo(128, exact(128));
    }

    @Test
    void contributionIsGrossMarginLessCostToServeLessFinancingCost() {
        Report r = flat(1, 1).costToServe(1000, 0).service("support", 500, 0).paymentDays(73).report();

        // GM = 10000 − 0 − 6000 = 4000; CTS = 1000 + 500 = 1500; FC = 10000 × 0.2 × 0.1 = 200
        // CM = 4000 − 1500 − 200 = 2300
        assertThat(r.period(Line.CONTRIBUTION, 0)).isCloseTo(2300, exact(2300));
        assertThat(r.metric(Metric.CONTRIBUTION)).isCloseTo(2300, exact(2300));
    }

    @Test
    void investmentIsChargedOnlyInPeriodZero() {
        Report r = flat(1, 4).investment(5000).report();

        // INV = 5000, 0, 0, 0
        assertThat(r.period(Line.INVESTMENT, 0)).isCloseTo(5000, exact(5000));
        for (int t = 1; t < 4; t++) {
            assertThat(r.period(Line.INVESTMENT, t)).as("INV(%d)", t).isZero();
        }
        // CM(t) = 2500 − 1500 = 1000 each quarter; CF(0) = 1000 − 5000 = −4000, CF(1..3) = 1000
        assertThat(r.period(Line.CASH_FLOW, 0)).isCloseTo(-4000, exact(-4000));
        assertThat(r.period(Line.CASH_FLOW, 1)).isCloseTo(1000, exact(1000));
        assertThat(r.period(Line.CONTRIBUTION, 0)).isCloseTo(1000, exact(1000));
        // cashFlow = 4 × 1000 − 5000 = −1000; contribution = 4000 (no investment in it)
        assertThat(r.metric(Metric.CASH_FLOW)).isCloseTo(-1000, exact(-1000));
        assertThat(r.metric(Metric.CONTRIBUTION)).isCloseTo(4000, exact(4000));
    }

    @Test
    void expectedCashFlowInPeriodZeroChargesTheInvestmentInFull() {
        Report r = flat(3, 1).renewal(1, 0.5).investment(1000).report();

        // ECF(0) = CM(0) × s(0) − I = 4000 × 1 − 1000 = 3000
        assertThat(r.period(Line.EXPECTED_CASH_FLOW, 0)).isCloseTo(3000, exact(3000));
        // ECF(1) = 4000 × 0.5 = 2000, ECF(2) = 4000 × 0.25 = 1000
        assertThat(r.period(Line.EXPECTED_CASH_FLOW, 1)).isCloseTo(2000, exact(2000));
        assertThat(r.period(Line.EXPECTED_CASH_FLOW, 2)).isCloseTo(1000, exact(1000));
    }

    @Test
    void survivalIsOneInTheFirstTermThenPowersOfRenewalProbability() {
        Report r = flat(5, 1).renewal(2, 0.8).report();

        // s(y) = 0.8^floor(y / 2) = 1, 1, 0.8, 0.8, 0.64
        double[] s = {1, 1, 0.8, 0.8, 0.64};
        for (int y = 0; y < 5; y++) {
            assertThat(r.year(Line.SURVIVAL, y)).as("s(%d)", y).isCloseTo(s[y], exact(s[y]));
            // CF stays 4000 (unweighted); ECF = 4000 × s = 4000, 4000, 3200, 3200, 2560
            assertThat(r.year(Line.CASH_FLOW, y)).as("CF(%d)", y).isCloseTo(4000, exact(4000));
            assertThat(r.year(Line.EXPECTED_CASH_FLOW, y)).as("ECF(%d)", y).isCloseTo(4000 * s[y], exact(4000 * s[y]));
        }
    }

    @Test
    void survivalStepsAtTheTermBoundaryOfAQuarterlyHorizon() {
        Report r = flat(4, 4).renewal(3, 0.9).report();

        for (int t = 0; t < 16; t++) {
            // y(t) = floor(t / 4); s = 0.9^floor(y / 3): 1 for t < 12 (years 0–2), 0.9 for t = 12–15 (year 3)
            double s = t < 12 ? 1 : 0.9;
            assertThat(r.period(Line.SURVIVAL, t)).as("s(%d)", t).isCloseTo(s, exact(s));
        }
    }

    @Test
    void discountFactorIsAtTheEndOfEachPeriod() {
        Report r = flat(2, 4).report();

        // ECF(t) = CM(t) = 2500 − 1500 = 1000; PV(t) = 1000 × 1.1^(−(t + 1) / 4)
        // PV(0) = 1000 × 1.1^(−1/4)
        double pv0 = 1000 * Math.pow(1.1, -0.25);
        assertThat(r.period(Line.PRESENT_VALUE, 0)).isCloseTo(pv0, exact(pv0));
        // PV(3) = 1000 / 1.1 = 909.0909…
        assertThat(r.period(Line.PRESENT_VALUE, 3)).isCloseTo(1000 / 1.1, exact(1000 / 1.1));
        // PV(7) = 1000 / 1.21
        assertThat(r.period(Line.PRESENT_VALUE, 7)).isCloseTo(1000 / 1.21, exact(1000 / 1.21));
    }

    @Test
    void npvOfFlatAnnualDealIsAnAnnuity() {
        double npv = CompiledScenario.compile(Fixtures.flatDeal(5, 1)).summary()[Metric.NPV.ordinal()];

        // NPV = 4000 × (1 − 1.1^−5) / 0.1 = 15163.147…
        double want = 4000 * (1 - Math.pow(1.1, -5)) / 0.1;
        assertThat(npv).isCloseTo(want, exact(want));
    }

    @Test
    void npvOfFlatQuarterlyDealIsAnAnnuityAtTheQuarterlyRate() {
        double npv = CompiledScenario.compile(Fixtures.flatDeal(5, 4)).summary()[Metric.NPV.ordinal()];

        // q = 1.1^(−1/4); NPV = 1000 × Σ_{t<20} q^(t+1) = 1000 × q (1 − q^20) / (1 − q) = 1000 × (1 − 1.1^−5) / (1.1^(1/4) − 1)
        double want = 1000 * (1 - Math.pow(1.1, -5)) / (Math.pow(1.1, 0.25) - 1);
        assertThat(npv).isCloseTo(want, exact(want));
    }

    @Test
    void npvWeightsBySurvivalAndDiscountsTheInvestmentOnePeriod() {
        Report r = flat(4, 1).renewal(2, 0.5).investment(1000).report();

        // s = 1, 1, 0.5, 0.5; ECF = 4000 − 1000, 4000, 2000, 2000
        // NPV = 3000 / 1.1 + 4000 / 1.21 + 2000 / 1.331 + 2000 / 1.4641
        double want = 3000 / 1.1 + 4000 / 1.21 + 2000 / 1.331 + 2000 / 1.4641;
        assertThat(r.metric(Metric.NPV)).isCloseTo(want, exact(want));
    }

    @Test
    void npvAtZeroCostOfCapitalIsTheSumOfExpectedCashFlows() {
        Report r = flat(3, 4).renewal(1, 0.5).investment(1000).paymentDays(90).supplierCostOfCapital(0).report();

        // r_s = 0: DF = 1 and FC = 0; CM = 1000 a quarter
        // NPV = 4 × 1000 × (1 + 0.5 + 0.25) − 1000 = 7000 − 1000 = 6000
        assertThat(r.metric(Metric.NPV)).isCloseTo(6000, exact(6000));
        assertThat(r.metric(Metric.FINANCING_COST)).isZero();
    }

    @Test
    void yearTableLinesSumToTheSummaryTotals() {
        Report r = richDeal().report();

        Line[] lines = {Line.LIST_REVENUE, Line.DISCOUNT, Line.NET_REVENUE, Line.REBATE, Line.COGS,
                Line.GROSS_MARGIN, Line.COST_TO_SERVE, Line.FINANCING_COST, Line.CONTRIBUTION, Line.CASH_FLOW,
                Line.CUSTOMER_SAVINGS};
        Metric[] metrics = {Metric.LIST_REVENUE, Metric.DISCOUNT, Metric.NET_REVENUE, Metric.REBATE, Metric.COGS,
                Metric.GROSS_MARGIN, Metric.COST_TO_SERVE, Metric.FINANCING_COST, Metric.CONTRIBUTION, Metric.CASH_FLOW,
                Metric.CUSTOMER_SAVINGS};
        for (int i = 0; i < lines.length; i++) {
            double sum = 0;
            for (int y = 0; y < 3; y++) {
                sum += r.year(lines[i], y);
            }
            // Σ_y line_y = total, up to summation order
            assertThat(sum).as(lines[i].apiName).isCloseTo(r.metric(metrics[i]), close(r.metric(metrics[i])));
        }
    }

    @Test
    void periodLinesSumToTheirYear() {
        Report r = richDeal().report();

        for (Line line : Line.values()) {
            if (line.aggregation != Line.Aggregation.SUM) {
                continue;
            }
            for (int y = 0; y < 3; y++) {
                double sum = 0;
                for (int t = 4 * y; t < 4 * y + 4; t++) {
                    sum += r.period(line, t);
                }
                assertThat(r.year(line, y)).as("%s year %d", line.apiName, y).isCloseTo(sum, close(sum));
            }
        }
    }

    @Test
    void presentValuesSumToNpv() {
        Report r = richDeal().report();

        double pv = 0;
        double customerPv = 0;
        for (int t = 0; t < 12; t++) {
            pv += r.period(Line.PRESENT_VALUE, t);
            customerPv += r.period(Line.CUSTOMER_PRESENT_VALUE, t);
        }
        // Σ_t ECF(t) × DF_s(t) = npv; Σ_t CV(t) × s(t) × DF_c(t) = customerNpv
        assertThat(pv).isCloseTo(r.metric(Metric.NPV), close(r.metric(Metric.NPV)));
        assertThat(customerPv).isCloseTo(r.metric(Metric.CUSTOMER_NPV), close(r.metric(Metric.CUSTOMER_NPV)));
    }

    @Test
    void periodPresentValueIsExpectedCashFlowTimesDiscountFactor() {
        Report r = richDeal().report();

        for (int t = 0; t < 12; t++) {
            // PV(t) = ECF(t) × 1.08^(−(t + 1) / 4)
            double want = r.period(Line.EXPECTED_CASH_FLOW, t) * Math.pow(1.08, -(t + 1) / 4.0);
            assertThat(r.period(Line.PRESENT_VALUE, t)).as("PV(%d)", t).isCloseTo(want, exact(want));
        }
    }

    /** Quarterly, three years, every feature on, for the consistency checks. */
    static Hand.Deal richDeal() {
        return deal(3, 4)
                .with(product("widgets", 1000, 10, 6, 0.1, 0.03, 0.02))
                .with(product("gadgets", 300, 40, 25, -0.05, 0.02, 0.04))
                .supplierCostOfCapital(0.08).customerCostOfCapital(0.06)
                .costToServe(2000, 0.03)
                .discount("widgets", 0.05).baselineDiscount("gadgets", 0.02)
                .rebate(RebateBasis.INCREMENTAL, 0, 0.01, 15000, 0.02)
                .baselineRebate(RebateBasis.RETROACTIVE, 20000, 0.01)
                .paymentDays(60).baselinePaymentDays(30)
                .service("support", 800, 1500).baselineService("legacy", 200, 300)
                .renewal(1, 0.9).investment(3000);
    }
}
