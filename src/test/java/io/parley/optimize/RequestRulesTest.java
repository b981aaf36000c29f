package io.parley.optimize;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.parley.Fixtures;
import io.parley.analysis.BoundLever;
import io.parley.engine.CompiledScenario;
import io.parley.engine.Line;
import io.parley.engine.Metric;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules an optimisation or frontier is held to before it is solved, each at its edge. */
class RequestRulesTest {

    static final CompiledScenario DEAL = CompiledScenario.compile(Fixtures.example("packaging-retailer-renewal.json"));

    @Test
    void aRangeHoldsWhenMaxIsNotBelowMin() {
        assertThat(Constraint.problemWithRange(1, 1)).isEmpty();
        assertThat(Constraint.problemWithRange(Double.NEGATIVE_INFINITY, 0)).isEmpty();
        assertThat(Constraint.problemWithRange(2, 1.5)).contains("1.5 is below min 2");
    }

    @Test
    void anUnnamedRuleIsNamedByItsBounds() {
        assertThat(Constraint.nameFor("npv", 5, Double.POSITIVE_INFINITY)).isEqualTo("npv ≥ 5");
        assertThat(Constraint.nameFor("npv", Double.NEGATIVE_INFINITY, 7)).isEqualTo("npv ≤ 7");
        assertThat(Constraint.nameFor("x", 0, 1)).isEqualTo("0 ≤ x ≤ 1");
    }

    @Test
    void onlySumsOfMoneyMakeAnObjectiveOrAFrontierAxis() {
        assertThat(Objective.problemWithMetric(Metric.NPV)).isEmpty();
        assertThat(Objective.problemWithMetric(Metric.CONTRIBUTION_MARGIN_PCT)).hasValueSatisfying(p ->
                assertThat(p).startsWith("'contributionMarginPct' is a ratio, not a sum of money, so it cannot be an objective"));
        assertThat(Frontier.problemWithFigure(Metric.CUSTOMER_NPV)).isEmpty();
        assertThat(Frontier.problemWithFigure(Metric.CONTRIBUTION_MARGIN_PCT)).isPresent();
    }

    @Test
    void aFrontierHasTwoPointsAtLeast() {
        assertThat(Frontier.problemWithPoints(2)).isEmpty();
        assertThat(Frontier.problemWithPoints(1)).contains("1 points do not draw a frontier; ask for 2 or more");
    }

    @Test
    void onlySummedLinesOfContractYearsInTheDealAreRules() {
        assertThat(MetricRules.summedLine("contribution")).contains(Line.CONTRIBUTION);
        assertThat(MetricRules.summedLine("noSuchLine")).isEmpty();
        for (Line l : Line.values()) {
            assertThat(MetricRules.summedLine(l.apiName).isPresent()).isEqualTo(l.aggregation == Line.Aggregation.SUM);
        }
        assertThat(MetricRules.problemWithYear(1, 3)).isEmpty();
        assertThat(MetricRules.problemWithYear(3, 3)).isEmpty();
        assertThat(MetricRules.problemWithYear(4, 3)).contains("4 is outside contract years 1–3");
        assertThat(MetricRules.problemWithYear(0, 3)).isPresent();
    }

    @Test
    void nonLinearMetricsAndMarginCeilingsAreNoRules() {
        assertThat(MetricRules.problemWithMetric(Metric.NPV)).isEmpty();
        assertThat(MetricRules.problemWithMetric(Metric.PAYBACK_PERIOD)).isPresent();
        assertThat(MetricRules.problemWithCeiling(Metric.NPV)).isEmpty();
        assertThat(MetricRules.problemWithCeiling(Metric.MIN_YEAR_CONTRIBUTION_MARGIN_PCT)).isPresent();
    }

    @Test
    void timeLimitsLieInZeroToTheCeiling() {
        assertThat(DealProblem.problemWithTimeLimit(60, 60)).isEmpty();
        assertThat(DealProblem.problemWithTimeLimit(0, 60)).contains("0 is outside (0, 60] seconds, the ceiling this service allows");
        assertThat(DealProblem.problemWithTimeLimit(61, 60)).isPresent();
        assertThat(DealProblem.problemWithTimeLimit(Double.NaN, 60)).isEmpty();
    }

    @Test
    void theBackendsOnOfferAreCbcAndScip() {
        assertThat(DealOptimizer.MIP_BACKENDS).containsExactly("CBC", "SCIP");
        assertThat(DealOptimizer.problemWithBackend("SCIP")).isEmpty();
        assertThat(DealOptimizer.problemWithBackend("CP-SAT")).contains(
                "'CP-SAT' is not one of CBC, SCIP (CP-SAT is not offered: it rounds continuous decisions)");
    }

    @Test
    void wholeNumberLeversAreDecidedFromMenusThatHoldOne() {
        BoundLever years = BoundLever.bind(DEAL, "terms.contractYears");
        assertThat(Decision.problemWithContinuous(years))
                .contains("terms.contractYears takes whole numbers; add \"integer\": true or give a menu of values");
        assertThat(Decision.problemWithContinuous(BoundLever.bind(DEAL, "terms.paymentDays"))).isEmpty();
        assertThat(WholeNumbers.problemWith(2.2, 2.8)).contains("no whole number lies in [2.2, 2.8]");
        assertThat(WholeNumbers.problemWith(2.2, 3)).isEmpty();
    }

    @Test
    void twoDecisionsOnOneSlotClash() {
        BoundLever cost = BoundLever.bind(DEAL, "terms.services[srp-design-support].costPerYear");
        BoundLever value = BoundLever.bind(DEAL, "terms.services[srp-design-support].valuePerYear");
        Decision include = Decision.Menu.include("terms.services[srp-design-support]", cost, value);
        Decision onCost = new Decision.Continuous(cost, 0, 1);
        assertThat(include.slots()).containsExactly(cost.slot(), value.slot());
        assertThat(onCost.slots()).isEqualTo(List.of(cost.slot()));
    }
}
