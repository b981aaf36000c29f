package io.parley.analysis;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.parley.Fixtures;
import io.parley.engine.CompiledScenario;
import io.parley.engine.Metric;
import io.parley.model.Scenario;

import static io.parley.analysis.Plain.assertSame;
import static io.parley.analysis.Plain.same;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spider: every lever moved by the same relative changes, value = base × (1 + change); each point is a plain
 * evaluation of the scenario with that one lever changed.
 */
class SpiderTest {

    static final Scenario DEAL = Fixtures.example("industrial-consumables-rebates.json");
    static final CompiledScenario COMPILED = CompiledScenario.compile(DEAL);
    static final double[] CHANGES = {-0.2, -0.1, 0, 0.1, 0.2};
    static final List<String> PATHS = List.of("products[carbide-inserts].listPrice", "terms.paymentDays",
            "costToServe.fixedPerYear", "terms.discounts[abrasive-discs]");
    static final List<Metric> METRICS = List.of(Metric.NPV, Metric.CONTRIBUTION_MARGIN_PCT, Metric.CUSTOMER_SAVINGS);

    static List<Spider.Chart> run() {
        return Spider.run(COMPILED, PATHS.stream().map(p -> BoundLever.bind(COMPILED, p)).toList(), CHANGES, METRICS);
    }

    @Test
    void valuesAreBaseTimesOnePlusChange() {
        // worked by hand from the scenario file:
        // listPrice 9.8:       9.8 × {0.8, 0.9, 1, 1.1, 1.2}    = {7.84, 8.82, 9.8, 10.78, 11.76}
        // paymentDays 90:      90 × {…}                         = {72, 81, 90, 99, 108}
        // fixedPerYear 95000:  95000 × {…}                      = {76000, 85500, 95000, 104500, 114000}
        // abrasive discount 0.1: 0.1 × {…}                      = {0.08, 0.09, 0.1, 0.11, 0.12}
        double[][] expected = {
                {7.84, 8.82, 9.8, 10.78, 11.76},
                {72, 81, 90, 99, 108},
                {76000, 85500, 95000, 104500, 114000},
                {0.08, 0.09, 0.1, 0.11, 0.12}};
        double[] bases = {9.8, 90, 95000, 0.1};
        for (Spider.Chart chart : run()) {
            assertThat(chart.legs()).extracting(Spider.Leg::lever).containsExactlyElementsOf(PATHS);
            for (int i = 0; i < PATHS.size(); i++) {
                Spider.Leg leg = chart.legs().get(i);
                assertThat(leg.baseValue()).as(leg.lever()).isEqualTo(bases[i]);
                assertThat(leg.values()).as(leg.lever()).hasSize(CHANGES.length);
                for (int c = 0; c < CHANGES.length; c++) {
                    assertThat(leg.values()[c]).as("%s at %s", leg.lever(), CHANGES[c])
                            .isCloseTo(expected[i][c], same(expected[i][c]));
                }
            }
        }
    }

    @Test
    void eachResultIsAPlainEvaluationAtThatValue() {
        for (Spider.Chart chart : run()) {
            for (Spider.Leg leg : chart.legs()) {
                assertThat(leg.results()).hasSize(CHANGES.length);
                for (int c = 0; c < CHANGES.length; c++) {
                    double plain = Plain.metric(DEAL, chart.metric(), leg.lever(), leg.values()[c]);
                    assertSame(leg.results()[c], plain, chart.metric() + " " + leg.lever() + " change " + CHANGES[c]);
                }
            }
        }
    }

    @Test
    void noChangeGivesTheBase() {
        double[] own = Plain.summary(DEAL);
        int zero = 2; // CHANGES[2] = 0
        for (Spider.Chart chart : run()) {
            double base = own[chart.metric().ordinal()];
            assertSame(chart.base(), base, chart.metric() + " base");
            for (Spider.Leg leg : chart.legs()) {
                assertThat(leg.values()[zero]).as(leg.lever()).isEqualTo(leg.baseValue());
                assertSame(leg.results()[zero], base, chart.metric() + " " + leg.lever() + " at change 0");
            }
        }
    }

    @Test
    void flatDealLegsWorkedByHand() {
        // flat deal, two years annual: NR = 2 × 1000 × P; P = 10 × (1 + change)
        Scenario flat = Fixtures.flatDeal(2, 1);
        CompiledScenario compiled = CompiledScenario.compile(flat);
        Spider.Chart chart = Spider.run(compiled, List.of(BoundLever.bind(compiled, "products[widgets].listPrice")),
                new double[] {-0.5, 0.25}, List.of(Metric.NET_REVENUE)).get(0);

        // −50 %: P = 5 → NR = 2 × 1000 × 5 = 10000;  +25 %: P = 12.5 → NR = 25000;  base 20000
        assertThat(chart.base()).isCloseTo(20000, same(20000));
        assertThat(chart.legs().get(0).values()).containsExactly(5, 12.5);
        assertThat(chart.legs().get(0).results()[0]).isCloseTo(10000, same(10000));
        assertThat(chart.legs().get(0).results()[1]).isCloseTo(25000, same(25000));
    }
}
