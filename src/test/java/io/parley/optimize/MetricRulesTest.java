package io.parley.optimize;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.parley.Fixtures;
import io.parley.engine.CompiledScenario;
import io.parley.engine.Line;
import io.parley.engine.Metric;
import io.parley.engine.Report;
import io.parley.model.Scenario;

import static io.parley.optimize.Direct.rel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bounds on metrics as linear rules: each rule's form, read by the engine, has the sign the ratio's bound says. */
class MetricRulesTest {

    static final double INF = Double.POSITIVE_INFINITY;
    static final Quantity CONTRIBUTION = new Quantity.OfMetric(Metric.CONTRIBUTION);
    static final Quantity NET_REVENUE = new Quantity.OfMetric(Metric.NET_REVENUE);
    static final Quantity REBATE = new Quantity.OfMetric(Metric.REBATE);

    /** A deal with volume rebates, so net revenue − rebate differs from net revenue. */
    static final Scenario MSA = Fixtures.example("industrial-consumables-rebates.json");

    static double value(Constraint rule, Report report) {
        double v = 0;
        for (Map.Entry<Quantity, Double> e : rule.form().quantities().entrySet()) v += e.getValue() * e.getKey().read(report);
        return v;
    }

    @Test
    void aRatioFloorIsTheNumeratorLessTheBoundTimesTheDenominator() {
        List<Constraint> rules = MetricRules.ratioWithin("margin ≥ 0.3", CONTRIBUTION, NET_REVENUE, REBATE, 0.3, INF);

        assertThat(rules).hasSize(1);
        Constraint floor = rules.get(0);
        assertThat(floor.name()).isEqualTo("margin ≥ 0.3 [as contribution − 0.3 × (netRevenue − rebate) ≥ 0]");
        assertThat(floor.form().quantities()).isEqualTo(Map.of(CONTRIBUTION, 1.0, NET_REVENUE, -0.3, REBATE, 0.3));
        assertThat(floor.form().decisions()).isEmpty();
        assertThat(floor.min()).isZero();
        assertThat(floor.max()).isEqualTo(INF);
    }

    @Test
    void aRatioCeilingIsTheSameFormAtMostZero() {
        List<Constraint> rules = MetricRules.ratioWithin("leverage ≤ 4", new Quantity.OfMetric(Metric.CUSTOMER_NPV),
                new Quantity.OfMetric(Metric.CONCESSION_COST), null, Double.NEGATIVE_INFINITY, 4);

        assertThat(rules).singleElement().satisfies(rule -> {
            assertThat(rule.name()).isEqualTo("leverage ≤ 4 [as customerNpv − 4 × (concessionCost) ≤ 0]");
            assertThat(rule.form().quantities()).isEqualTo(Map.of(new Quantity.OfMetric(Metric.CUSTOMER_NPV), 1.0,
                    new Quantity.OfMetric(Metric.CONCESSION_COST), -4.0));
            assertThat(rule.min()).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat(rule.max()).isZero();
        });
    }

    @Test
    void aRatioPinnedToOneValueIsAFloorAndACeiling() {
        List<Constraint> rules = MetricRules.ratioWithin("margin = 0.3", CONTRIBUTION, NET_REVENUE, REBATE, 0.3, 0.3);

        assertThat(rules).extracting(Constraint::min).containsExactly(0.0, Double.NEGATIVE_INFINITY);
        assertThat(rules).extracting(Constraint::max).containsExactly(INF, 0.0);
    }

    @Test
    void theLinearFormIsTheMarginGapTimesTheDenominator() {
        // contribution − c (NR − RB) = (margin − c)(NR − RB): positive above the floor, negative below
        double[] summary = CompiledScenario.compile(MSA).summary();
        double margin = summary[Metric.CONTRIBUTION_MARGIN_PCT.ordinal()];
        double denominator = summary[Metric.NET_REVENUE.ordinal()] - summary[Metric.REBATE.ordinal()];
        assertThat(summary[Metric.REBATE.ordinal()]).as("the fixture has a rebate").isPositive();
        Report report = CompiledScenario.compile(MSA).report();
        for (double c : new double[] {margin - 0.05, margin + 0.05}) {
            Constraint floor = MetricRules.bound("floor", Metric.CONTRIBUTION_MARGIN_PCT, c, INF, 3).get(0);
            double want = (margin - c) * denominator;
            assertThat(value(floor, report)).isCloseTo(want, rel(want, 1e-9));
        }
    }

    @Test
    void theLowestYearsMarginFloorIsOneFloorPerContractYear() {
        List<Constraint> rules = MetricRules.bound("minYearContributionMarginPct ≥ 0.1",
                Metric.MIN_YEAR_CONTRIBUTION_MARGIN_PCT, 0.1, INF, 3);

        assertThat(rules).hasSize(3);
        for (int y = 0; y < 3; y++) {
            assertThat(rules.get(y).name()).isEqualTo("minYearContributionMarginPct ≥ 0.1 (year " + (y + 1) + ")"
                    + " [as contribution in year " + (y + 1) + " − 0.1 × (netRevenue in year " + (y + 1)
                    + " − rebate in year " + (y + 1) + ") ≥ 0]");
            assertThat(rules.get(y).form().quantities()).isEqualTo(Map.of(new Quantity.OfYear(Line.CONTRIBUTION, y), 1.0,
                    new Quantity.OfYear(Line.NET_REVENUE, y), -0.1, new Quantity.OfYear(Line.REBATE, y), 0.1));
        }
    }

    @Test
    void everyYearsFloorHoldsExactlyWhenTheLowestYearsMarginDoes() {
        Report report = CompiledScenario.compile(MSA).report();
        double lowest = CompiledScenario.compile(MSA).summary()[Metric.MIN_YEAR_CONTRIBUTION_MARGIN_PCT.ordinal()];
        int years = MSA.horizon().years();

        List<Constraint> met = MetricRules.marginFloorEveryYear("floor", lowest - 1e-6, years);
        List<Constraint> missed = MetricRules.marginFloorEveryYear("floor", lowest + 1e-6, years);

        assertThat(met).allMatch(rule -> value(rule, report) >= 0);
        assertThat(missed).anyMatch(rule -> value(rule, report) < 0);
    }

    @Test
    void aCurrencyMetricIsBoundAsItIs() {
        assertThat(MetricRules.bound("npv ≥ 5", Metric.NPV, 5, 7, 3)).containsExactly(
                new Constraint("npv ≥ 5", LinearForm.of(new Quantity.OfMetric(Metric.NPV), 1), 5, 7));
    }

    @Test
    void paybackAndGrowthCannotBeBoundAndTheLowestMarginHasNoCeiling() {
        assertThat(MetricRules.isLinear(Metric.PAYBACK_PERIOD)).isFalse();
        assertThat(MetricRules.isLinear(Metric.REVENUE_CAGR)).isFalse();
        assertThat(MetricRules.isLinear(Metric.GROSS_MARGIN_PCT)).isTrue();
        assertThat(MetricRules.takesCeiling(Metric.MIN_YEAR_CONTRIBUTION_MARGIN_PCT)).isFalse();
        assertThat(MetricRules.takesCeiling(Metric.CONTRIBUTION_MARGIN_PCT)).isTrue();
        assertThatThrownBy(() -> MetricRules.bound("p", Metric.PAYBACK_PERIOD, 0, 3, 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MetricRules.bound("m", Metric.MIN_YEAR_CONTRIBUTION_MARGIN_PCT, 0.1, 0.5, 3))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
