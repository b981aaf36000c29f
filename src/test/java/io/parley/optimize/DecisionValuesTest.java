package io.parley.optimize;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.parley.engine.CompiledScenario;
import io.parley.engine.Metric;
import io.parley.model.Scenario;

import static io.parley.optimize.Direct.continuous;
import static io.parley.optimize.Direct.include;
import static io.parley.optimize.Direct.maximise;
import static io.parley.optimize.Direct.menu;
import static io.parley.optimize.Direct.metric;
import static io.parley.optimize.Direct.problem;
import static io.parley.optimize.Direct.rel;
import static io.parley.optimize.Direct.set;
import static io.parley.optimize.Direct.withoutService;
import static io.parley.optimize.KnownAnswersTest.APP;
import static io.parley.optimize.KnownAnswersTest.DAYS;
import static io.parley.optimize.KnownAnswersTest.DESK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The summary at a solution's values equals a fresh evaluation of the scenario edited by lever path. */
class DecisionValuesTest {

    static final Scenario MSA = KnownAnswersTest.impatientMsa();
    static final CompiledScenario COMPILED = CompiledScenario.compile(MSA);
    static final DealProblem PROBLEM = problem(COMPILED, List.of(continuous(COMPILED, APP, 0, 0.2),
            menu(COMPILED, DAYS, 30, 60, 90), include(COMPILED, DESK)), maximise(Direct.NPV));

    @Test
    void theSummaryIsThatOfTheScenarioWithEachDecisionSet() {
        double[] summary = DecisionValues.summaryAt(PROBLEM, new double[] {0.07, 60, 0});

        Scenario edited = withoutService(set(MSA, APP, 0.07, DAYS, 60), DESK);
        for (Metric m : new Metric[] {Metric.NPV, Metric.CUSTOMER_NPV, Metric.CONTRIBUTION}) {
            double want = metric(edited, m);
            assertThat(summary[m.ordinal()]).as(m.apiName).isCloseTo(want, rel(want, 1e-9));
        }
    }

    @Test
    void anIncludedServiceKeepsItsCostAndValue() {
        double[] summary = DecisionValues.summaryAt(PROBLEM, new double[] {0, 90, 1});

        double want = metric(set(MSA, APP, 0, DAYS, 90), Metric.NPV);
        assertThat(summary[Metric.NPV.ordinal()]).isCloseTo(want, rel(want, 1e-9));
    }

    @Test
    void aValueOffTheMenuLeavesItsLeverAsTheScenarioHasIt() {
        double[] p = DecisionValues.parameters(PROBLEM, new double[] {0, 45, 1});

        assertThat(p[COMPILED.slot(DAYS)]).isEqualTo(COMPILED.parameters()[COMPILED.slot(DAYS)]);
        assertThat(p[COMPILED.slot(APP)]).isZero();
        assertThatThrownBy(() -> DecisionValues.parameters(PROBLEM, new double[] {0, 60}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
