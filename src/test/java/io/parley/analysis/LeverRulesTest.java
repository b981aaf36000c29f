package io.parley.analysis;

import org.junit.jupiter.api.Test;

import io.parley.Fixtures;
import io.parley.engine.CompiledScenario;
import io.parley.model.Scenario;

import static org.assertj.core.api.Assertions.assertThat;

/** Which levers a tornado, spider or search can move, and how a relative swing moves one. */
class LeverRulesTest {

    static final Scenario DEAL = Fixtures.example("packaging-retailer-renewal.json");
    static final CompiledScenario COMPILED = CompiledScenario.compile(DEAL);
    /** The same deal paid on delivery: its payment days are 0. */
    static final CompiledScenario CASH = CompiledScenario.compile(Plain.set(DEAL, "terms.paymentDays", 0));

    @Test
    void aRelativeSwingMovesTheLeverBothWaysFromItsValue() {
        // payment days are 60 in the example: ±25 % is 45 and 75
        Tornado.Input swung = Tornado.Input.swing(BoundLever.bind(COMPILED, "terms.paymentDays"), 0.25);
        assertThat(swung.low()).isEqualTo(45);
        assertThat(swung.high()).isEqualTo(75);
        assertThat(Tornado.problemWithRelativeSwing(swung.lever())).isEmpty();
    }

    @Test
    void aLeverAtZeroCannotSwingOrChangeRelatively() {
        BoundLever days = BoundLever.bind(CASH, "terms.paymentDays");
        assertThat(Tornado.problemWithRelativeSwing(days)).contains("terms.paymentDays is 0 in the scenario, so a "
                + "relative swing leaves it at 0; give 'low' and 'high' instead");
        assertThat(Spider.problemWithLever(days)).contains("terms.paymentDays is 0 in the scenario, so a relative "
                + "change leaves it at 0; sweep it over absolute values instead");
        assertThat(Spider.problemWithLever(BoundLever.bind(COMPILED, "terms.paymentDays"))).isEmpty();
    }

    @Test
    void aSearchMovesOnlyContinuousLeversOverMoreThanAPoint() {
        assertThat(GoalSeek.problemWithLever(BoundLever.bind(COMPILED, "terms.contractYears")))
                .contains("terms.contractYears takes whole numbers only; sweep its values instead of searching");
        assertThat(GoalSeek.problemWithLever(BoundLever.bind(COMPILED, "terms.paymentDays"))).isEmpty();
        assertThat(GoalSeek.problemWithBounds(0, 1)).isEmpty();
        assertThat(GoalSeek.problemWithBounds(2, 2)).contains("upper bound 2 is not above the lower bound 2");
        assertThat(GoalSeek.problemWithBounds(3, 1)).isPresent();
    }

    @Test
    void aToleranceIsPositiveAndFinite() {
        assertThat(GoalSeek.problemWithTolerance(1e-9)).isEmpty();
        assertThat(GoalSeek.problemWithTolerance(0)).contains("0 is not a positive tolerance");
        assertThat(GoalSeek.problemWithTolerance(Double.POSITIVE_INFINITY)).isPresent();
        assertThat(GoalSeek.problemWithTolerance(Double.NaN)).isPresent();
    }
}
