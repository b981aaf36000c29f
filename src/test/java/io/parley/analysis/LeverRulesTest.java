package io.parley.analysis;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.parley.Fixtures;
import io.parley.engine.CompiledScenario;
import io.parley.engine.Metric;
import io.parley.model.Scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/** Which levers a tornado, spider or search can move, and how a relative swing moves one. */
class LeverRulesTest {

    static final Scenario DEAL = Fixtures.example("packaging-retailer-renewal.json");
    static final CompiledScenario COMPILED = CompiledScenario.compile(DEAL);
    /** The same deal paid on delivery: its payment days are 0. */
    static final CompiledScenario CASH = CompiledScenario.compile(Plain.set(DEAL, "terms.paymentDays", 0));

    @Test
    void aRelativeSwingMovesTheLeverBothWaysFromItsValue() {
        // payment days are 60 in the example: ±25 % is 45 and 75
        BoundLever days = BoundLever.bind(COMPILED, "terms.paymentDays");
        Tornado.Input swung = Tornado.Input.swing(days, 0.25, LeverDomain.allowed(COMPILED, days));
        assertThat(swung.low()).isEqualTo(45);
        assertThat(swung.high()).isEqualTo(75);
        assertThat(swung.clipped()).isEmpty();
        assertThat(Tornado.problemWithRelativeSwing(swung.lever())).isEmpty();
    }

    @Test
    void aSwingPastTheLeversDomainIsHeldAtItsBoundAndSaysSo() {
        // the renewal chance is 0.85: ±20 % is 0.68 and 1.02, but a probability ends at 1
        BoundLever renewal = BoundLever.bind(COMPILED, "terms.renewalProbability");
        Tornado.Input swung = Tornado.Input.swing(renewal, 0.2, LeverDomain.allowed(COMPILED, renewal));
        assertThat(swung.low()).isCloseTo(0.68, offset(1e-15));
        assertThat(swung.high()).isEqualTo(1);
        assertThat(swung.clipped()).singleElement().satisfies(c -> {
            assertThat(c.end()).isEqualTo(Tornado.End.high);
            assertThat(c.requested()).isCloseTo(1.02, offset(1e-15));
            assertThat(c.bound()).isEqualTo(1);
        });
        // and the bar is the deal evaluated at the bound, not at 1.02 (which the model refuses)
        Tornado.Bar bar = Tornado.run(COMPILED, List.of(swung), List.of(Metric.NPV))
                .get(0).bars().get(0);
        assertThat(bar.atHigh()).isEqualTo(Plain.metric(DEAL, Metric.NPV, "terms.renewalProbability", 1));
        assertThat(bar.clipped()).isEqualTo(swung.clipped());
    }

    @Test
    void aSwingOfMoreThanTheWholeValueIsHeldAtZeroBelow() {
        // the srp-trays discount is 0.065: ±150 % is −0.0325 and 0.1625; a discount cannot be negative
        BoundLever discount = BoundLever.bind(COMPILED, "terms.discounts[srp-trays]");
        Tornado.Input swung = Tornado.Input.swing(discount, 1.5, LeverDomain.allowed(COMPILED, discount));
        assertThat(swung.low()).isEqualTo(0);
        assertThat(swung.high()).isCloseTo(0.1625, offset(1e-15));
        assertThat(swung.clipped()).extracting(Tornado.Clipped::end).containsExactly(Tornado.End.low);
    }

    @Test
    void aSpiderLegPastTheDomainIsHeldAtTheBoundForThoseChangesOnly() {
        // renewal 0.85 × {0.8, 0.9, 1, 1.1, 1.2} = {0.68, 0.765, 0.85, 0.935, 1.02}: only the last passes 1
        BoundLever renewal = BoundLever.bind(COMPILED, "terms.renewalProbability");
        double[] changes = {-0.2, -0.1, 0, 0.1, 0.2};
        Spider.Leg leg = Spider.run(COMPILED, List.of(renewal), changes, List.of(Metric.NPV))
                .get(0).legs().get(0);
        double[] expected = {0.68, 0.765, 0.85, 0.935, 1};
        for (int c = 0; c < changes.length; c++) {
            assertThat(leg.values()[c]).isCloseTo(expected[c], offset(1e-15));
        }
        assertThat(leg.results()[4]).isEqualTo(Plain.metric(DEAL, Metric.NPV, "terms.renewalProbability", 1));
        assertThat(leg.clipped()).singleElement().satisfies(c -> {
            assertThat(c.change()).isEqualTo(0.2);
            assertThat(c.requested()).isCloseTo(1.02, offset(1e-15));
            assertThat(c.bound()).isEqualTo(1);
        });
        assertThat(Spider.heldValueAt(COMPILED, renewal, 0.2)).isEqualTo(1);
    }

    @Test
    void theAllowedRangeIsTheModelsOwn() {
        // stated by the model (master-agreement-model.md, ScenarioValidator): a probability in [0, 1], 0–365 days,
        // 1 to horizon.years (5 here) contract years, a discount below 1, a growth rate above −1, a volume ≥ 0 unbounded
        assertThat(allowed("terms.renewalProbability")).isEqualTo(new LeverDomain(0, 1));
        assertThat(allowed("terms.paymentDays")).isEqualTo(new LeverDomain(0, 365));
        assertThat(allowed("terms.contractYears")).isEqualTo(new LeverDomain(1, 5));
        assertThat(allowed("terms.discounts[srp-trays]")).isEqualTo(new LeverDomain(0, LeverDomain.ALMOST_ONE));
        assertThat(allowed("products[srp-trays].volumeGrowth").lower()).isEqualTo(LeverDomain.ALMOST_MINUS_ONE);
        assertThat(allowed("products[srp-trays].baseVolume")).isEqualTo(new LeverDomain(0, Double.POSITIVE_INFINITY));
        // a tier's threshold stays strictly between its neighbours' (5.6 M and 6.4 M around 6.0 M)
        assertThat(allowed("terms.rebate.tiers[2].threshold"))
                .isEqualTo(new LeverDomain(Math.nextUp(5_600_000.0), Math.nextDown(6_400_000.0)));
    }

    private static LeverDomain allowed(String path) {
        return LeverDomain.allowed(COMPILED, BoundLever.bind(COMPILED, path));
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
