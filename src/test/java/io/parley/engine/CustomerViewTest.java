package io.parley.engine;

import org.junit.jupiter.api.Test;

import static io.parley.engine.Hand.exact;
import static io.parley.engine.Hand.flat;
import static io.parley.model.RebateBasis.RETROACTIVE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spec "Customer view" and the baseline metrics: CS = NR − RB, CS_b = NR_b − RB_b, SV = CS_b − CS,
 * SVV = (Σ terms values − Σ baseline values) / ppy, PTV = (NR × D − NR_b × D_b) / 365 × r_c, CV = SV + SVV + PTV,
 * customerNpv = Σ CV × s × (1 + r_c)^(−(t + 1) / ppy); npvBaseline, concessionCost = npvBaseline − npv,
 * valueLeverage = customerNpv / concessionCost (null when concessionCost ≤ 0).
 */
class CustomerViewTest {

    /**
     * Flat widgets (1000 a year at 10 costing 6), r_s = 0.10, r_c = 0.05.
     * terms: 10 % off, RETROACTIVE 3 % from 5000, 73 days, services x (cost 100, value 1200) and y (0, 600).
     * baseline: 5 % off, RETROACTIVE 2 % from 0, 36.5 days, service z (cost 50, value 300).
     * A year: NR = 9000, RB = 0.03 × 9000 = 270, CS = 8730; NR_b = 9500, RB_b = 0.02 × 9500 = 190, CS_b = 9310.
     */
    static Hand.Deal customerDeal(int years, int ppy) {
        return flat(years, ppy).supplierCostOfCapital(0.10).customerCostOfCapital(0.05)
                .discount("widgets", 0.10).rebate(RETROACTIVE, 5000, 0.03).paymentDays(73)
                .service("x", 100, 1200).service("y", 0, 600)
                .baselineDiscount("widgets", 0.05).baselineRebate(RETROACTIVE, 0, 0.02).baselinePaymentDays(36.5)
                .baselineService("z", 50, 300);
    }

    @Test
    void customerSpendIsNetRevenueLessRebate() {
        Report r = customerDeal(1, 1).report();

        // CS = 9000 − 270 = 8730
        assertThat(r.year(Line.CUSTOMER_SPEND, 0)).isCloseTo(8730, exact(8730));
    }

    @Test
    void baselineSpendUsesBaselineDiscountsAndRebate() {
        Report r = customerDeal(1, 1).report();

        // NR_b = 10000 × 0.95 = 9500, RB_b = 0.02 × 9500 = 190, CS_b = 9500 − 190 = 9310
        assertThat(r.year(Line.BASELINE_SPEND, 0)).isCloseTo(9310, exact(9310));
    }

    @Test
    void savingsAreBaselineSpendLessSpend() {
        Report r = customerDeal(3, 1).report();

        // SV = 9310 − 8730 = 580 a year
        assertThat(r.year(Line.CUSTOMER_SAVINGS, 0)).isCloseTo(580, exact(580));
        // customerSavings = Σ SV = 3 × 580 = 1740 (undiscounted, unweighted)
        assertThat(r.metric(Metric.CUSTOMER_SAVINGS)).isCloseTo(1740, exact(1740));
    }

    @Test
    void savingsWithoutBaselineAreDiscountAndRebateOffListPrice() {
        Report r = flat(2, 1).discount("widgets", 0.1).rebate(RETROACTIVE, 0, 0.02).report();

        // CS_b = 10000 (list price, no rebate); CS = 9000 − 0.02 × 9000 = 8820; SV = 1180 a year → 2360
        assertThat(r.metric(Metric.CUSTOMER_SAVINGS)).isCloseTo(2360, exact(2360));
    }

    @Test
    void servicesValueGainedIsTheDifferenceInValueSpreadOverPeriods() {
        Report r = customerDeal(1, 4).report();

        for (int t = 0; t < 4; t++) {
            // SVV(t) = ((1200 + 600) − 300) / 4 = 375
            assertThat(r.period(Line.SERVICES_VALUE, t)).as("SVV(%d)", t).isCloseTo(375, exact(375));
        }
    }

    @Test
    void paymentTermsValueIsTheExtraCreditAtTheCustomersCostOfCapital() {
        Report annual = customerDeal(1, 1).report();
        // PTV = (9000 × 73 − 9500 × 36.5) / 365 × 0.05 = (657000 − 346750) / 365 × 0.05 = 850 × 0.05 = 42.5
        assertThat(annual.year(Line.PAYMENT_TERMS_VALUE, 0)).isCloseTo(42.5, exact(42.5));

        Report quarterly = customerDeal(1, 4).report();
        // PTV(t) = (2250 × 73 − 2375 × 36.5) / 365 × 0.05 = (164250 − 86687.5) / 365 × 0.05 = 212.5 × 0.05 = 10.625
        assertThat(quarterly.period(Line.PAYMENT_TERMS_VALUE, 2)).isCloseTo(10.625, exact(10.625));
    }

    @Test
    void customerValueIsSavingsPlusServicesPlusPaymentTerms() {
        Report r = customerDeal(1, 1).report();

        // CV = 580 + 1500 + 42.5 = 2122.5
        assertThat(r.year(Line.CUSTOMER_VALUE, 0)).isCloseTo(2122.5, exact(2122.5));
    }

    @Test
    void customerNpvDiscountsAtTheCustomersRateWeightedBySurvival() {
        Report r = customerDeal(3, 1).customerCostOfCapital(0.25).renewal(1, 0.5).report();

        // PTV = 850 × 0.25 = 212.5; CV = 580 + 1500 + 212.5 = 2292.5 a year; s = 1, 0.5, 0.25
        // customerNpv = 2292.5 × (1 / 1.25 + 0.5 / 1.5625 + 0.25 / 1.953125) = 2292.5 × (0.8 + 0.32 + 0.128)
        //             = 2292.5 × 1.248 = 2861.04
        assertThat(r.metric(Metric.CUSTOMER_NPV)).isCloseTo(2861.04, exact(2861.04));
    }

    @Test
    void customerPresentValueIsPerPeriodAtTheCustomersQuarterlyRate() {
        Report r = customerDeal(2, 4).renewal(1, 0.5).report();

        // CV(t) = 2122.5 / 4 = 530.625 (145 + 375 + 10.625); s = 1 in year 1, 0.5 in year 2
        // CPV(1) = 530.625 × 1.05^(−2/4)
        double cpv1 = 530.625 * Math.pow(1.05, -0.5);
        assertThat(r.period(Line.CUSTOMER_PRESENT_VALUE, 1)).isCloseTo(cpv1, exact(cpv1));
        // CPV(6) = 530.625 × 0.5 × 1.05^(−7/4)
        double cpv6 = 530.625 * 0.5 * Math.pow(1.05, -1.75);
        assertThat(r.period(Line.CUSTOMER_PRESENT_VALUE, 6)).isCloseTo(cpv6, exact(cpv6));
        // customerNpv = 530.625 × (Σ_{t<4} q^(t+1) + 0.5 × Σ_{4≤t<8} q^(t+1)), q = 1.05^(−1/4)
        //             = 530.625 × (1 − 1.05^−1) / (1.05^(1/4) − 1) × (1 + 0.5 / 1.05)
        double want = 530.625 * (1 - 1 / 1.05) / (Math.pow(1.05, 0.25) - 1) * (1 + 0.5 / 1.05);
        assertThat(r.metric(Metric.CUSTOMER_NPV)).isCloseTo(want, exact(want));
    }

    @Test
    void customerNpvDoesNotDependOnTheSuppliersCostOfCapital() {
        double at10 = customerDeal(3, 1).renewal(1, 0.5).compile().summary()[Metric.CUSTOMER_NPV.ordinal()];
        double at30 = customerDeal(3, 1).renewal(1, 0.5).supplierCostOfCapital(0.30).customerCostOfCapital(0.05)
                .compile().summary()[Metric.CUSTOMER_NPV.ordinal()];

        // CV and s do not involve r_s; DF_c = 1.05^−(t+1): 2122.5 × (1 / 1.05 + 0.5 / 1.05² + 0.25 / 1.05³)
        double want = 2122.5 * (1 / 1.05 + 0.5 / (1.05 * 1.05) + 0.25 / (1.05 * 1.05 * 1.05));
        assertThat(at10).isCloseTo(want, exact(want));
        assertThat(at30).isCloseTo(want, exact(want));
    }

    @Test
    void npvBaselineKeepsTheTermsContractRenewalAndInvestment() {
        Report r = customerDeal(3, 1).renewal(1, 0.5).investment(500).costToServe(200, 0).report();

        // baseline: FC_b = 9500 × 36.5 / 365 × 0.1 = 95; CTS_b = 200 + 50 = 250
        //   CM_b = 9500 − 190 − 6000 − 250 − 95 = 2965, with the terms' K = 1, p = 0.5 and I = 500
        // npvBaseline = (2965 − 500) / 1.1 + 2965 × 0.5 / 1.21 + 2965 × 0.25 / 1.331
        double npvBaseline = (2965 - 500) / 1.1 + 2965 * 0.5 / 1.21 + 2965 * 0.25 / 1.331;
        assertThat(r.metric(Metric.NPV_BASELINE)).isCloseTo(npvBaseline, exact(npvBaseline));
        // terms: FC = 9000 × 73 / 365 × 0.1 = 180; CTS = 200 + 100 = 300; CM = 9000 − 270 − 6000 − 300 − 180 = 2250
        // npv = (2250 − 500) / 1.1 + 2250 × 0.5 / 1.21 + 2250 × 0.25 / 1.331
        double npv = (2250 - 500) / 1.1 + 2250 * 0.5 / 1.21 + 2250 * 0.25 / 1.331;
        assertThat(r.metric(Metric.NPV)).isCloseTo(npv, exact(npv));
    }

    @Test
    void npvBaselineIsTheNpvOfTheScenarioWithTermsReplacedByBaseline() {
        double npvBaseline = customerDeal(3, 4).renewal(1, 0.5).investment(500).costToServe(200, 0.02)
                .compile().summary()[Metric.NPV_BASELINE.ordinal()];
        // the baseline's discounts, rebate, paymentDays and services as terms, keeping K = 1, p = 0.5, I = 500
        double swapped = flat(3, 4).supplierCostOfCapital(0.10).customerCostOfCapital(0.05)
                .discount("widgets", 0.05).rebate(RETROACTIVE, 0, 0.02).paymentDays(36.5).service("z", 50, 300)
                .renewal(1, 0.5).investment(500).costToServe(200, 0.02)
                .compile().summary()[Metric.NPV.ordinal()];

        assertThat(npvBaseline).isCloseTo(swapped, exact(swapped));
    }

    @Test
    void npvBaselineWithoutBaselineIsTheListPriceDeal() {
        Report r = flat(2, 1).discount("widgets", 0.1).renewal(1, 0.5).report();

        // baseline CM = 10000 − 6000 = 4000; npvBaseline = 4000 / 1.1 + 0.5 × 4000 / 1.21
        double npvBaseline = 4000 / 1.1 + 2000 / 1.21;
        assertThat(r.metric(Metric.NPV_BASELINE)).isCloseTo(npvBaseline, exact(npvBaseline));
        // terms CM = 9000 − 6000 = 3000; concessionCost = 1000 / 1.1 + 0.5 × 1000 / 1.21
        double concession = 1000 / 1.1 + 500 / 1.21;
        assertThat(r.metric(Metric.CONCESSION_COST)).isCloseTo(concession, exact(concession));
    }

    @Test
    void concessionCostIsNpvBaselineLessNpv() {
        Report r = customerDeal(3, 1).renewal(1, 0.5).investment(500).costToServe(200, 0).report();

        // (2965 − 2250) a year; I and F cancel: 715 × (1 / 1.1 + 0.5 / 1.21 + 0.25 / 1.331)
        double concession = 715 * (1 / 1.1 + 0.5 / 1.21 + 0.25 / 1.331);
        assertThat(r.metric(Metric.CONCESSION_COST)).isCloseTo(concession, exact(concession));
    }

    @Test
    void valueLeverageIsCustomerNpvPerUnitConceded() {
        Report r = customerDeal(3, 1).renewal(1, 0.5).investment(500).costToServe(200, 0).report();

        // customerNpv = 2122.5 × (1 / 1.05 + 0.5 / 1.05² + 0.25 / 1.05³)
        double customerNpv = 2122.5 * (1 / 1.05 + 0.5 / (1.05 * 1.05) + 0.25 / (1.05 * 1.05 * 1.05));
        // concessionCost = 715 × (1 / 1.1 + 0.5 / 1.21 + 0.25 / 1.331)
        double concession = 715 * (1 / 1.1 + 0.5 / 1.21 + 0.25 / 1.331);
        assertThat(r.metric(Metric.CUSTOMER_NPV)).isCloseTo(customerNpv, exact(customerNpv));
        // valueLeverage = customerNpv / concessionCost
        assertThat(r.metric(Metric.VALUE_LEVERAGE)).isCloseTo(customerNpv / concession, exact(customerNpv / concession));
    }

    @Test
    void valueLeverageIsNullWhenNothingIsConceded() {
        // terms identical to the baseline: concessionCost = 0 → null
        Report same = flat(2, 4).discount("widgets", 0.05).baselineDiscount("widgets", 0.05).report();
        assertThat(same.metric(Metric.CONCESSION_COST)).isZero();
        assertThat(same.metric(Metric.VALUE_LEVERAGE)).isNaN();
    }

    @Test
    void valueLeverageIsNullWhenCustomerValueCostsTheSupplierNothing() {
        Report r = flat(2, 1).service("portal", 0, 1200).report();

        // a service costing 0: npv = npvBaseline → concessionCost = 0 → null (not customerNpv / 0 = ∞)
        assertThat(r.metric(Metric.CONCESSION_COST)).isZero();
        // while the customer gains SVV = 1200 a year: customerNpv = 1200 / 1.1 + 1200 / 1.21
        double customerNpv = 1200 / 1.1 + 1200 / 1.21;
        assertThat(r.metric(Metric.CUSTOMER_NPV)).isCloseTo(customerNpv, exact(customerNpv));
        assertThat(r.metric(Metric.VALUE_LEVERAGE)).isNaN();
    }

    @Test
    void valueLeverageIsNullWhenTheTermsGainTheSupplierValue() {
        Report r = flat(1, 1).baselineDiscount("widgets", 0.1).report();

        // npvBaseline = 3000 / 1.1, npv = 4000 / 1.1 → concessionCost = −1000 / 1.1 < 0 → null
        assertThat(r.metric(Metric.CONCESSION_COST)).isCloseTo(-1000 / 1.1, exact(-1000 / 1.1));
        assertThat(r.metric(Metric.VALUE_LEVERAGE)).isNaN();
    }
}
