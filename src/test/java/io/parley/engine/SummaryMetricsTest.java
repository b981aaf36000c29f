package io.parley.engine;

import org.junit.jupiter.api.Test;

import io.parley.Fixtures;
import io.parley.model.RebateBasis;

import static io.parley.engine.Hand.deal;
import static io.parley.engine.Hand.exact;
import static io.parley.engine.Hand.flat;
import static io.parley.engine.Hand.product;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spec "Summary metrics": the ratios (null on a zero denominator), minYearContributionMarginPct, paybackPeriod
 * (1-based, on CF, null if never), revenueCagr (null for one year or zero first-year NR), and how the horizon's
 * granularity does and does not change the totals.
 */
class SummaryMetricsTest {

    static double[] summary(Hand.Deal deal) {
        return deal.compile().summary();
    }

    static double metric(Hand.Deal deal, Metric m) {
        return summary(deal)[m.ordinal()];
    }

    @Test
    void grossMarginPctIsGrossMarginOverNetRevenueLessRebate() {
        Hand.Deal d = flat(1, 1).discount("widgets", 0.06).rebate(RebateBasis.RETROACTIVE, 0, 0.02).costToServe(1000, 0);

        // NR = 9400, RB = 188, GM = 9400 − 188 − 6000 = 3212 → 3212 / (9400 − 188) = 3212 / 9212
        assertThat(metric(d, Metric.GROSS_MARGIN_PCT)).isCloseTo(3212.0 / 9212, exact(3212.0 / 9212));
    }

    @Test
    void contributionMarginPctIsContributionOverNetRevenueLessRebate() {
        Hand.Deal d = flat(1, 1).discount("widgets", 0.06).rebate(RebateBasis.RETROACTIVE, 0, 0.02).costToServe(1000, 0);

        // CM = 3212 − 1000 = 2212 → 2212 / 9212
        assertThat(metric(d, Metric.CONTRIBUTION_MARGIN_PCT)).isCloseTo(2212.0 / 9212, exact(2212.0 / 9212));
    }

    @Test
    void marginPercentagesAreNullWhenAllVolumesAreZero() {
        double[] s = summary(deal(2, 4).with(Fixtures.product("ghost", 0, 10, 5)).costToServe(1000, 0));

        // NR − RB = 0 − 0 = 0 → null, even though contribution = −2000
        assertThat(s[Metric.CONTRIBUTION.ordinal()]).isCloseTo(-2000, exact(-2000));
        assertThat(s[Metric.GROSS_MARGIN_PCT.ordinal()]).isNaN();
        assertThat(s[Metric.CONTRIBUTION_MARGIN_PCT.ordinal()]).isNaN();
        // every year's denominator is 0 → skipped, all skipped → null
        assertThat(s[Metric.MIN_YEAR_CONTRIBUTION_MARGIN_PCT.ordinal()]).isNaN();
    }

    @Test
    void marginPercentagesAreNullWhenListPriceIsZeroInEveryYear() {
        double[] s = summary(deal(3, 1).with(product("freebie", 100, 0, 3, 0.1, 0.2, 0)));

        // P(y) = 0 × 1.2^y = 0 → NR = 0 every year; GM = −COGS but the ratios are null
        assertThat(s[Metric.GROSS_MARGIN.ordinal()]).isLessThan(0);
        assertThat(s[Metric.GROSS_MARGIN_PCT.ordinal()]).isNaN();
        assertThat(s[Metric.CONTRIBUTION_MARGIN_PCT.ordinal()]).isNaN();
        assertThat(s[Metric.MIN_YEAR_CONTRIBUTION_MARGIN_PCT.ordinal()]).isNaN();
    }

    @Test
    void minYearContributionMarginPctIsTheLowestYear() {
        Hand.Deal d = deal(3, 1).with(product("widgets", 1000, 10, 6, 0, 0, 0.25)).investment(10000);

        // COGS = 6000, 7500, 9375; CM = 4000, 2500, 625; margins 0.4, 0.25, 0.0625 → lowest is 625 / 10000 = 0.0625
        // (the investment is in cash flow, not contribution; the overall margin would be 7125 / 30000 = 0.2375)
        assertThat(metric(d, Metric.MIN_YEAR_CONTRIBUTION_MARGIN_PCT)).isCloseTo(0.0625, exact(0.0625));
    }

    @Test
    void minYearContributionMarginPctCanBeTheFirstYear() {
        Hand.Deal d = deal(3, 1).with(product("widgets", 1000, 10, 6, 0, 0.25, 0)).costToServe(1000, 0);

        // NR = 10000, 12500, 15625; CM = 3000, 5500, 8625; margins 0.3, 0.44, 0.552 → 0.3
        assertThat(metric(d, Metric.MIN_YEAR_CONTRIBUTION_MARGIN_PCT)).isCloseTo(0.3, exact(0.3));
    }

    @Test
    void minYearContributionMarginPctIsNetOfTheYearsRebate() {
        Hand.Deal d = deal(2, 4).with(product("widgets", 1000, 10, 6, 0, 0.5, 0)).rebate(RebateBasis.RETROACTIVE, 12000, 0.1);

        // year 1: NR = 10000 < 12000 → RB = 0, CM = 4000, margin 0.4
        // year 2: NR = 15000 → RB = 1500, CM = 15000 − 1500 − 6000 = 7500, margin 7500 / 13500 = 5/9
        // lowest: 0.4
        assertThat(metric(d, Metric.MIN_YEAR_CONTRIBUTION_MARGIN_PCT)).isCloseTo(0.4, exact(0.4));
        // and year 2's margin as the year table reports it
        Report r = d.report();
        assertThat(r.year(Line.CONTRIBUTION_MARGIN_PCT, 1)).isCloseTo(7500.0 / 13500, exact(7500.0 / 13500));
    }

    /** 1200 a year at 10 costing 6, monthly: CM = 100 × 10 − 100 × 6 = 400 a month, exact in binary. */
    static Hand.Deal monthly() {
        return deal(1, 12).with(Fixtures.product("widgets", 1200, 10, 6));
    }

    @Test
    void paybackPeriodIsTheFirstPeriodWhereRunningCashFlowIsNonNegative() {
        // I = 1000: running CF = 400 − 1000 = −600, −200, +200 → period 3 (1-based)
        assertThat(metric(monthly().investment(1000), Metric.PAYBACK_PERIOD)).isEqualTo(3);
    }

    @Test
    void paybackPeriodCountsARunningSumOfExactlyZero() {
        // I = 800: running CF = −400, 0 → 0 ≥ 0 at period 2
        assertThat(metric(monthly().investment(800), Metric.PAYBACK_PERIOD)).isEqualTo(2);
    }

    @Test
    void paybackPeriodIsOneWithoutInvestment() {
        // CF(0) = 400 ≥ 0 → period 1
        assertThat(metric(monthly(), Metric.PAYBACK_PERIOD)).isEqualTo(1);
    }

    @Test
    void paybackPeriodIsNullIfNeverReached() {
        // I = 10000 > 12 × 400 = 4800 → never
        assertThat(metric(monthly().investment(10000), Metric.PAYBACK_PERIOD)).isNaN();
        // a loss-making deal never pays back either: CM = 100 × 10 − 100 × 12 = −200 a month
        assertThat(metric(deal(1, 12).with(Fixtures.product("widgets", 1200, 10, 12)), Metric.PAYBACK_PERIOD)).isNaN();
    }

    @Test
    void paybackPeriodUsesUnweightedCashFlow() {
        Hand.Deal d = flat(3, 1).renewal(1, 0.1).investment(6000);

        // CF running: 4000 − 6000 = −2000, +4000 → 2000 → period 2
        // (on ECF it would be −2000, −1600, −1560: never)
        assertThat(metric(d, Metric.PAYBACK_PERIOD)).isEqualTo(2);
    }

    @Test
    void revenueCagrCompoundsVolumeGrowthAndEscalator() {
        Hand.Deal d = deal(3, 1).with(product("widgets", 1000, 10, 6, 0.1, 0.05, 0));

        // NR_y = 10000 × (1.1 × 1.05)^y = 10000 × 1.155^y → (NR_2 / NR_0)^(1/2) − 1 = (1.155²)^(1/2) − 1 = 0.155
        assertThat(metric(d, Metric.REVENUE_CAGR)).isCloseTo(0.155, exact(0.155));
    }

    @Test
    void revenueCagrOnAQuarterlyHorizonIsStillTheAnnualRate() {
        Hand.Deal d = deal(4, 4).with(product("widgets", 1000, 10, 6, 0.2, 0.03, 0));

        // year y's quarters are year 0's scaled by 1.2^y in volume and 1.03^y in price:
        // NR_y = NR_0 × (1.2 × 1.03)^y → CAGR = 1.2 × 1.03 − 1 = 0.236
        assertThat(metric(d, Metric.REVENUE_CAGR)).isCloseTo(0.236, exact(0.236));
    }

    @Test
    void revenueCagrUsesNetRevenueBeforeRebate() {
        Hand.Deal d = deal(2, 1).with(product("widgets", 1000, 10, 6, 0.44, 0, 0))
                .discount("widgets", 0.1).rebate(RebateBasis.RETROACTIVE, 12000, 0.05);

        // NR = 9000, 12960 (rebate 0 then 648, not counted) → 12960 / 9000 − 1 = 0.44
        assertThat(metric(d, Metric.REVENUE_CAGR)).isCloseTo(0.44, exact(0.44));
    }

    @Test
    void revenueCagrIsNullForOneYear() {
        assertThat(metric(flat(1, 12), Metric.REVENUE_CAGR)).isNaN();
    }

    @Test
    void revenueCagrIsNullWhenFirstYearRevenueIsZero() {
        assertThat(metric(deal(3, 1).with(Fixtures.product("freebie", 100, 0, 3)), Metric.REVENUE_CAGR)).isNaN();
    }

    @Test
    void singleYearHorizonGivesEveryMetricByHand() {
        double[] s = CompiledScenario.compile(Fixtures.flatDeal(1, 1)).summary();

        // LR = NR = 1000 × 10 = 10000; DS = RB = 0; COGS = 6000; GM = CM = CF = 4000; CTS = FC = 0
        assertThat(s[Metric.LIST_REVENUE.ordinal()]).isCloseTo(10000, exact(10000));
        assertThat(s[Metric.DISCOUNT.ordinal()]).isZero();
        assertThat(s[Metric.NET_REVENUE.ordinal()]).isCloseTo(10000, exact(10000));
        assertThat(s[Metric.REBATE.ordinal()]).isZero();
        assertThat(s[Metric.COGS.ordinal()]).isCloseTo(6000, exact(6000));
        assertThat(s[Metric.GROSS_MARGIN.ordinal()]).isCloseTo(4000, exact(4000));
        assertThat(s[Metric.COST_TO_SERVE.ordinal()]).isZero();
        assertThat(s[Metric.FINANCING_COST.ordinal()]).isZero();
        assertThat(s[Metric.CONTRIBUTION.ordinal()]).isCloseTo(4000, exact(4000));
        assertThat(s[Metric.CASH_FLOW.ordinal()]).isCloseTo(4000, exact(4000));
        // 4000 / 10000 = 0.4 for all three margins
        assertThat(s[Metric.GROSS_MARGIN_PCT.ordinal()]).isCloseTo(0.4, exact(0.4));
        assertThat(s[Metric.CONTRIBUTION_MARGIN_PCT.ordinal()]).isCloseTo(0.4, exact(0.4));
        assertThat(s[Metric.MIN_YEAR_CONTRIBUTION_MARGIN_PCT.ordinal()]).isCloseTo(0.4, exact(0.4));
        // NPV = npvBaseline = 4000 / 1.1 (terms = baseline = list price)
        assertThat(s[Metric.NPV.ordinal()]).isCloseTo(4000 / 1.1, exact(4000 / 1.1));
        assertThat(s[Metric.NPV_BASELINE.ordinal()]).isCloseTo(4000 / 1.1, exact(4000 / 1.1));
        // nothing conceded, nothing gained: concessionCost = savings = customerNpv = 0, valueLeverage null
        assertThat(s[Metric.CONCESSION_COST.ordinal()]).isZero();
        assertThat(s[Metric.CUSTOMER_SAVINGS.ordinal()]).isZero();
        assertThat(s[Metric.CUSTOMER_NPV.ordinal()]).isZero();
        assertThat(s[Metric.VALUE_LEVERAGE.ordinal()]).isNaN();
        // CF(0) = 4000 ≥ 0 → 1; one year → revenueCagr null
        assertThat(s[Metric.PAYBACK_PERIOD.ordinal()]).isEqualTo(1);
        assertThat(s[Metric.REVENUE_CAGR.ordinal()]).isNaN();
    }

    @Test
    void monthlyAndAnnualTotalsAgreeWithoutGrowth() {
        double[] annual = CompiledScenario.compile(Fixtures.flatDeal(3, 1)).summary();
        double[] monthly = CompiledScenario.compile(Fixtures.flatDeal(3, 12)).summary();

        // 3 × 1000 × 10 = 30000 either way; 36 × 1000 / 12 × 10 = 30000
        for (Metric m : new Metric[] {Metric.LIST_REVENUE, Metric.NET_REVENUE}) {
            assertThat(annual[m.ordinal()]).as("annual " + m.apiName).isCloseTo(30000, exact(30000));
            assertThat(monthly[m.ordinal()]).as("monthly " + m.apiName).isCloseTo(30000, exact(30000));
        }
        // COGS 3 × 6000 = 18000; contribution 3 × 4000 = 12000
        assertThat(monthly[Metric.COGS.ordinal()]).isCloseTo(18000, exact(18000));
        assertThat(monthly[Metric.CONTRIBUTION.ordinal()]).isCloseTo(12000, exact(12000));
        assertThat(annual[Metric.CONTRIBUTION.ordinal()]).isCloseTo(12000, exact(12000));
        // the same yearly margin, so the same revenueCagr (0) and margins (0.4)
        assertThat(monthly[Metric.REVENUE_CAGR.ordinal()]).isCloseTo(0, exact(0));
        assertThat(monthly[Metric.CONTRIBUTION_MARGIN_PCT.ordinal()]).isCloseTo(0.4, exact(0.4));
    }

    @Test
    void monthlyAndAnnualNpvDifferOnlyByDiscounting() {
        double annual = CompiledScenario.compile(Fixtures.flatDeal(3, 1)).summary()[Metric.NPV.ordinal()];
        double monthly = CompiledScenario.compile(Fixtures.flatDeal(3, 12)).summary()[Metric.NPV.ordinal()];

        // annual: 4000 × (1 − 1.1^−3) / 0.1 = 9947.4079…
        double wantAnnual = 4000 * (1 - Math.pow(1.1, -3)) / 0.1;
        assertThat(annual).isCloseTo(wantAnnual, exact(wantAnnual));
        // monthly: 4000 / 12 × Σ_{t<36} q^(t+1), q = 1.1^(−1/12): 4000 / 12 × (1 − 1.1^−3) / (1.1^(1/12) − 1)
        double wantMonthly = 4000.0 / 12 * (1 - Math.pow(1.1, -3)) / (Math.pow(1.1, 1.0 / 12) - 1);
        assertThat(monthly).isCloseTo(wantMonthly, exact(wantMonthly));
        // cash arrives earlier each year, so monthly is worth more: ratio 0.1 / (12 × (1.1^(1/12) − 1)) > 1
        assertThat(monthly).isGreaterThan(annual);
    }
}
