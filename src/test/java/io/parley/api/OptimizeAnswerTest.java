package io.parley.api;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.Fixtures;
import io.parley.engine.CompiledScenario;
import io.parley.engine.Metric;
import io.parley.optimize.Constraint;
import io.parley.optimize.DealOptimizer;
import io.parley.optimize.DealOptimizer.Status;
import io.parley.optimize.DealProblem;
import io.parley.optimize.Frontier;
import io.parley.optimize.LinearForm;
import io.parley.optimize.Objective;
import io.parley.optimize.Quantity;

import static org.assertj.core.api.Assertions.assertThat;

/** The wire form of the optimiser's answers where the API tests cannot easily reach: sections left out, figures null. */
class OptimizeAnswerTest {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final Provenance PROVENANCE = new Provenance("test", Provenance.MODEL_VERSION, "sha256:0", "sha256:1", null, null);
    static final DealProblem NO_DECISIONS = new DealProblem(CompiledScenario.compile(Fixtures.flatDeal(1, 1)),
            List.of(), new Objective(true, LinearForm.of(new Quantity.OfMetric(Metric.NPV), 1)), List.of(), 1);

    static DealOptimizer.Solution unsolved(Status status, List<DealOptimizer.Relaxation> relaxation) {
        return new DealOptimizer.Solution(status, "CBC", true, Double.NaN, Double.NaN, Double.NaN, Double.NaN, null,
                List.of(), null, List.of(), relaxation, List.of(), 12, 3);
    }

    static JsonNode json(Object answer) {
        return MAPPER.valueToTree(answer);
    }

    @Test
    void anInfeasibleSolveHasOnlyItsSolverAndItsRelaxation() {
        DealOptimizer.Solution s = unsolved(Status.INFEASIBLE,
                List.of(new DealOptimizer.Relaxation("customer NPV ≥ 2M", Constraint.Unit.CURRENCY, 2e6, 1.5e6, 5e5,
                        "customer NPV ≥ 2M: 1,500,000.00 instead of 2,000,000.00")));

        JsonNode out = json(OptimizeAnswer.of(s, NO_DECISIONS, summary -> null, PROVENANCE));

        assertThat(out.get("status").asText()).isEqualTo("infeasible");
        assertThat(out.get("solver").get("bestBound").isNull()).isTrue();
        assertThat(out.get("solver").get("gap").isNull()).isTrue();
        assertThat(out.get("solver").get("millis").asLong()).isEqualTo(12);
        assertThat(out.get("solver").get("engineEvaluations").asInt()).isEqualTo(3);
        assertThat(out.get("relaxation").get(0).get("constraint").asText()).isEqualTo("customer NPV ≥ 2M");
        assertThat(out.get("relaxation").get(0).get("by").asDouble()).isEqualTo(5e5);
        assertThat(out.get("provenance").get("scenarioHash").asText()).isEqualTo("sha256:0");
        assertThat(out.properties()).extracting(e -> e.getKey())
                .containsExactly("status", "solver", "relaxation", "alternatives", "provenance");
    }

    @Test
    void aTimedOutSolveHasNoRelaxation() {
        JsonNode out = json(OptimizeAnswer.of(unsolved(Status.TIMED_OUT, List.of()), NO_DECISIONS, summary -> null, PROVENANCE));

        assertThat(out.get("status").asText()).isEqualTo("timedOut");
        assertThat(out.has("relaxation")).isFalse();
    }

    @Test
    void openBoundsAndMissingFiguresAreNull() {
        OptimizeAnswer.Rule rule = OptimizeAnswer.Rule.of(
                new DealOptimizer.RuleResult("npv ≥ 0", Constraint.Unit.CURRENCY, 0, Double.POSITIVE_INFINITY, Double.NaN, 5, true));

        JsonNode out = json(rule);

        assertThat(out.get("min").asDouble()).isZero();
        assertThat(out.get("max").isNull()).isTrue();
        assertThat(out.get("model").isNull()).isTrue();
        assertThat(out.get("engine").asDouble()).isEqualTo(5);
    }

    @Test
    void aFrontierThatCannotBeTracedSaysWhyAndHasNoPointsOrZone() {
        Frontier.Result r = new Frontier.Result(List.of(), Double.NaN, Double.NaN, null,
                unsolved(Status.INFEASIBLE, List.of()));

        JsonNode out = json(FrontierAnswer.of(r, NO_DECISIONS, Metric.NPV, Metric.CUSTOMER_NPV, Double.NaN, Double.NaN, PROVENANCE));

        assertThat(out.get("supplier").asText()).isEqualTo("npv");
        assertThat(out.get("customerLow").isNull()).isTrue();
        assertThat(out.get("unsolved").get("status").asText()).isEqualTo("infeasible");
        assertThat(out.get("unsolved").get("relaxation").isArray()).isTrue();
        assertThat(out.get("points").isEmpty()).isTrue();
        assertThat(out.has("zone")).isFalse();
    }

    @Test
    void aDealWithoutASolutionIsOnlyItsStatus() {
        FrontierAnswer.Deal deal = FrontierAnswer.Deal.of(unsolved(Status.TIMED_OUT, List.of()), NO_DECISIONS,
                Metric.NPV, Metric.CUSTOMER_NPV);

        assertThat(json(new FrontierAnswer.Point(1.5, deal)).toString()).isEqualTo("{\"level\":1.5,\"status\":\"timedOut\"}");
    }
}
