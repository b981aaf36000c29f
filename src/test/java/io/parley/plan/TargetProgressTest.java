package io.parley.plan;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.parley.engine.Line;
import io.parley.engine.Metric;
import io.parley.engine.Report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Targets are calendar years; the figures below are worked out by hand from the stated periods. */
class TargetProgressTest {

    private static final double EPS = 1e-9;

    /** A planned report with the same money in every period: net revenue, rebate, cogs, cost to serve. */
    private static Report planned(int periods, double netRevenue, double rebate, double cogs, double costToServe) {
        double[][] lines = new double[Line.values().length][periods];
        for (int t = 0; t < periods; t++) {
            lines[Line.NET_REVENUE.ordinal()][t] = netRevenue;
            lines[Line.REBATE.ordinal()][t] = rebate;
            lines[Line.COGS.ordinal()][t] = cogs;
            lines[Line.COST_TO_SERVE.ordinal()][t] = costToServe;
        }
        return new Report(new double[Metric.count()], new double[Line.values().length][1], lines, null);
    }

    private static List<Actual> actuals(int from, int to, double netRevenue, double rebate, double cogs, double costToServe) {
        List<Actual> out = new ArrayList<>();
        for (int p = from; p <= to; p++) out.add(new Actual(p, netRevenue, rebate, cogs, costToServe, "{}"));
        return out;
    }

    @Test
    void monthlyAgreementFromJulyComparesTheMonthsReportedWithTheTargetProRata() {
        // 12 months from 2026-07-01: July–December 2026 and January–June 2027, 6 months each
        ContractCalendar calendar = new ContractCalendar(LocalDate.of(2026, 7, 1), 12);
        // planned each month: revenue after rebates 100 − 10 = 90, margin 90 − 50 − 10 = 30
        Report planned = planned(12, 100, 10, 50, 10);
        // actual July–September: revenue 120 − 12 = 108, margin 108 − 60 − 12 = 36
        List<Actual> actuals = actuals(1, 3, 120, 12, 60, 12);
        List<Target> targets = List.of(new Target(2026, 1200, 0.30), new Target(2027, 1500, Double.NaN));

        List<TargetProgress.Year> years = TargetProgress.of(targets, calendar, planned, 12, actuals, null);

        TargetProgress.Year y2026 = years.get(0);
        assertThat(y2026.year()).isEqualTo(2026);
        assertThat(y2026.monthsInAgreement()).isEqualTo(6);
        assertThat(y2026.monthsWithActuals()).isEqualTo(3);
        // target to date = 1200 × 3 / 12 = 300; actual = 3 × 108 = 324; variance 24, relative 24 / 300 = 0.08
        assertThat(y2026.revenue().targetToDate()).isCloseTo(300, within(EPS));
        assertThat(y2026.revenue().actual()).isCloseTo(324, within(EPS));
        assertThat(y2026.revenue().variance()).isCloseTo(24, within(EPS));
        assertThat(y2026.revenue().relative()).isCloseTo(0.08, within(EPS));
        // planned over the same three months 3 × 90 = 270, over the year's six 540
        assertThat(y2026.revenue().plannedToDate()).isCloseTo(270, within(EPS));
        assertThat(y2026.revenue().plannedForYear()).isCloseTo(540, within(EPS));
        // margin: actual 108 / 324 = 1/3, planned 90 / 270 = 1/3, target 0.30 → +1/30 points
        assertThat(y2026.marginPct().actual()).isCloseTo(1.0 / 3, within(EPS));
        assertThat(y2026.marginPct().plannedToDate()).isCloseTo(1.0 / 3, within(EPS));
        assertThat(y2026.marginPct().variance()).isCloseTo(1.0 / 3 - 0.30, within(EPS));

        // 2027: six months in the agreement, nothing reported yet
        TargetProgress.Year y2027 = years.get(1);
        assertThat(y2027.monthsInAgreement()).isEqualTo(6);
        assertThat(y2027.monthsWithActuals()).isZero();
        assertThat(y2027.revenue().targetToDate()).isZero();
        assertThat(y2027.revenue().actual()).isZero();
        assertThat(y2027.revenue().relative()).isNaN();
        assertThat(y2027.revenue().plannedForYear()).isCloseTo(540, within(EPS));
        assertThat(y2027.marginPct().actual()).isNaN();
        assertThat(y2027.marginPct().target()).isNaN();
        assertThat(y2027.marginPct().variance()).isNaN();
    }

    @Test
    void aQuarterThatStraddlesTheNewYearCountsTowardsEachYearByItsMonths() {
        // quarters from 2026-11-01 over two years: Q1 = Nov, Dec 2026 and Jan 2027
        ContractCalendar calendar = new ContractCalendar(LocalDate.of(2026, 11, 1), 4);
        Report planned = planned(8, 300, 0, 0, 0);
        List<Actual> actuals = actuals(1, 1, 300, 0, 0, 0);
        List<Target> targets = List.of(new Target(2026, 1200, Double.NaN), new Target(2027, 3600, Double.NaN),
                new Target(2028, 1000, Double.NaN), new Target(2030, 1000, Double.NaN));

        List<TargetProgress.Year> years = TargetProgress.of(targets, calendar, planned, 8, actuals, null);

        // 2026: 2 of Q1's months → 2/3 of 300 = 200 against 1200 × 2 / 12 = 200
        assertThat(years.get(0).monthsWithActuals()).isEqualTo(2);
        assertThat(years.get(0).revenue().actual()).isCloseTo(200, within(EPS));
        assertThat(years.get(0).revenue().targetToDate()).isCloseTo(200, within(EPS));
        assertThat(years.get(0).revenue().variance()).isCloseTo(0, within(EPS));
        assertThat(years.get(0).monthsInAgreement()).isEqualTo(2);
        // 2027: 1 month → 100 against 3600 / 12 = 300: −200, −2/3; in the agreement Jan (Q1), Q2–Q4, Nov–Dec (Q5)
        assertThat(years.get(1).monthsWithActuals()).isEqualTo(1);
        assertThat(years.get(1).revenue().actual()).isCloseTo(100, within(EPS));
        assertThat(years.get(1).revenue().variance()).isCloseTo(-200, within(EPS));
        assertThat(years.get(1).revenue().relative()).isCloseTo(-2.0 / 3, within(EPS));
        assertThat(years.get(1).monthsInAgreement()).isEqualTo(12);
        // the whole planned year: 1/3 × 300 + 3 × 300 + 2/3 × 300 = 1200
        assertThat(years.get(1).revenue().plannedForYear()).isCloseTo(1200, within(EPS));
        // 2028: Jan (Q5) and Q6–Q8 (Feb–Oct) = 10 months
        assertThat(years.get(2).monthsInAgreement()).isEqualTo(10);
        // 2030 is outside the agreement
        assertThat(years.get(3).monthsInAgreement()).isZero();
        assertThat(years.get(3).revenue().plannedForYear()).isZero();
    }

    @Test
    void asOfCountsOnlyThePeriodsThatHaveEnded() {
        ContractCalendar calendar = new ContractCalendar(LocalDate.of(2026, 7, 1), 12);
        Report planned = planned(12, 100, 0, 0, 0);
        List<Actual> actuals = actuals(1, 3, 100, 0, 0, 0);
        List<Target> targets = List.of(new Target(2026, 1200, Double.NaN));

        // August ends on the 31st: July and August count on that day, only July the day before
        assertThat(TargetProgress.of(targets, calendar, planned, 12, actuals, LocalDate.of(2026, 8, 31)).get(0)
                .monthsWithActuals()).isEqualTo(2);
        assertThat(TargetProgress.of(targets, calendar, planned, 12, actuals, LocalDate.of(2026, 8, 30)).get(0)
                .monthsWithActuals()).isEqualTo(1);
    }

    @Test
    void actualsBeyondTheHorizonAreLeftOut() {
        ContractCalendar calendar = new ContractCalendar(LocalDate.of(2026, 1, 1), 12);
        Report planned = planned(12, 100, 0, 0, 0);
        // period 13 is January 2027, beyond a one-year horizon
        List<Actual> actuals = actuals(12, 13, 100, 0, 0, 0);
        List<TargetProgress.Year> years = TargetProgress.of(List.of(new Target(2027, 1200, Double.NaN)), calendar,
                planned, 12, actuals, null);
        assertThat(years.get(0).monthsWithActuals()).isZero();
    }

    @Test
    void periodsFallOnCalendarMonths() {
        ContractCalendar monthly = new ContractCalendar(LocalDate.of(2028, 2, 1), 12);
        assertThat(monthly.periodEnd(1)).isEqualTo(LocalDate.of(2028, 2, 29));
        assertThat(monthly.periodStart(12)).isEqualTo(LocalDate.of(2029, 1, 1));
        ContractCalendar annual = new ContractCalendar(LocalDate.of(2026, 4, 1), 1);
        // April–December 2026 is 9 of the first year's 12 months
        assertThat(annual.monthsIn(1, 2026)).isEqualTo(9);
        assertThat(annual.shareIn(1, 2027)).isEqualTo(0.25);
        assertThat(annual.periodEnd(1)).isEqualTo(LocalDate.of(2027, 3, 31));
        assertThatThrownBy(() -> new ContractCalendar(LocalDate.of(2026, 4, 2), 12))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
