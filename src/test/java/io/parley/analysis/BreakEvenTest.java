package io.parley.analysis;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.parley.Fixtures;
import io.parley.engine.CompiledScenario;
import io.parley.engine.Metric;
import io.parley.model.Scenario;

import static io.parley.analysis.Plain.close;
import static io.parley.analysis.Plain.same;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Break-even: per lever, the value at which a metric crosses a threshold (the crossing nearest today's value
 * when there are several), with headroom = breakEven − current and relativeHeadroom = headroom / |current|.
 */
class BreakEvenTest {

    static final double TOLERANCE = 1e-6;

    static List<BreakEven.Row> table(Scenario s, Metric metric, double threshold, Object... pathLowerUpper) {
        CompiledScenario compiled = CompiledScenario.compile(s);
        List<BreakEven.Input> inputs = new java.util.ArrayList<>();
        for (int i = 0; i < pathLowerUpper.length; i += 3) {
            inputs.add(new BreakEven.Input(BoundLever.bind(compiled, (String) pathLowerUpper[i]),
                    ((Number) pathLowerUpper[i + 1]).doubleValue(), ((Number) pathLowerUpper[i + 2]).doubleValue()));
        }
        return BreakEven.table(compiled, inputs, metric, threshold, TOLERANCE);
    }

    /** Flat deal, one year annual, terms discount 0.1: contribution = 1000 × (10 (1 − d) − c) − 1000 × 9 × D / 365 × 0.1. */
    static Scenario discounted() {
        return Plain.set(Fixtures.flatDeal(1, 1), "terms.discounts[widgets]", 0.1);
    }

    @Test
    void breakEvenValueMakesTheMetricEqualTheThreshold() {
        Scenario s = Fixtures.example("industrial-consumables-rebates.json");
        // npv = 0 as the discount deepens, the unit cost rises, the fixed cost to serve grows
        List<BreakEven.Row> rows = table(s, Metric.NPV, 0,
                "terms.discounts[carbide-inserts]", 0, LeverDomain.ALMOST_ONE,
                "products[carbide-inserts].unitCost", 0, 59.5,
                "costToServe.fixedPerYear", 0, 1e8);

        assertThat(rows).hasSize(3);
        for (BreakEven.Row row : rows) {
            assertThat(row.status()).as(row.lever()).isEqualTo(GoalSeek.Status.REACHED);
            assertThat(row.breakEven()).as(row.lever()).isFinite();
            double npv = Plain.metric(s, Metric.NPV, row.lever(), row.breakEven());
            assertThat(npv).as("npv at the break-even of " + row.lever()).isCloseTo(0, within(TOLERANCE));
            // today's npv is positive, so every break-even lies on the losing side of today's value
            assertThat(row.current()).isEqualTo(Plain.valueOf(s, row.lever()));
        }
        assertThat(Plain.metric(s, Metric.NPV)).isPositive();
    }

    @Test
    void breakEvenAndHeadroomWorkedByHand() {
        // contribution = 1000 × (10 (1 − d) − c) with d = 0.1, c = 6, P = 10, D = 0
        // d:  10 (1 − d) = 6 → d = 0.4;    headroom 0.4 − 0.1 = 0.3;      relative 0.3 / 0.1 = 3
        // c:  c = 10 × 0.9 = 9;            headroom 9 − 6 = 3;            relative 3 / 6 = 0.5
        // P:  0.9 P = 6 → P = 6.6666…;     headroom 20/3 − 10 = −10/3;    relative −(10/3) / 10 = −1/3
        List<BreakEven.Row> rows = table(discounted(), Metric.CONTRIBUTION, 0,
                "terms.discounts[widgets]", 0, LeverDomain.ALMOST_ONE,
                "products[widgets].unitCost", 0, 60,
                "products[widgets].listPrice", 0, 100);

        assertRow(rows.get(0), 0.1, 0.4, 0.3, 3);
        assertRow(rows.get(1), 6, 9, 3, 0.5);
        assertRow(rows.get(2), 10, 20.0 / 3, -10.0 / 3, -1.0 / 3);
    }

    @Test
    void relativeHeadroomDividesByTheMagnitudeOfANegativeCurrentValue() {
        // two years annual, d = 0.1 (3 a unit), volume growth g = −0.05, fixed cost to serve 4000 a year:
        // contribution = 1000 × 3 + 1000 (1 + g) × 3 − 2 × 4000 = 3000 (2 + g) − 8000 = 0 → g = 8/3 − 2 = 2/3
        // headroom = 2/3 − (−0.05) = 0.716666…; relative = 0.716666… / |−0.05| = 14.333…
        Scenario s = Plain.set(Fixtures.flatDeal(2, 1), "terms.discounts[widgets]", 0.1,
                "products[widgets].volumeGrowth", -0.05, "costToServe.fixedPerYear", 4000);
        List<BreakEven.Row> rows = table(s, Metric.CONTRIBUTION, 0, "products[widgets].volumeGrowth", -0.9, 1);

        double breakEven = 2.0 / 3;
        double headroom = breakEven + 0.05;
        assertRow(rows.get(0), -0.05, breakEven, headroom, headroom / 0.05);
        assertThat(rows.get(0).relativeHeadroom()).isPositive();
    }

    @Test
    void relativeHeadroomIsNullWhenTheCurrentValueIsZero() {
        // flat deal, no discount: contribution = 1000 (10 (1 − d) − 6) = 0 at d = 0.4; current d = 0
        List<BreakEven.Row> rows = table(Fixtures.flatDeal(1, 1), Metric.CONTRIBUTION, 0,
                "terms.discounts[widgets]", 0, LeverDomain.ALMOST_ONE);

        assertThat(rows.get(0).breakEven()).isCloseTo(0.4, same(0.4));
        assertThat(rows.get(0).headroom()).isCloseTo(0.4, same(0.4));
        assertThat(rows.get(0).relativeHeadroom()).isNaN();
    }

    @Test
    void leverWithoutACrossingInBoundsHasNoBreakEven() {
        // payment days: contribution = 1000 × 9 − 6000 − 9000 × D / 365 × 0.1 ≥ 3000 − 900 > 0 on D ∈ [0, 365]
        // and the discount searched only up to 0.3: contribution ≥ 1000 × (7 − 6) = 1000 > 0
        List<BreakEven.Row> rows = table(discounted(), Metric.CONTRIBUTION, 0,
                "terms.paymentDays", 0, 365,
                "terms.discounts[widgets]", 0, 0.3);

        for (BreakEven.Row row : rows) {
            assertThat(row.status()).as(row.lever()).isEqualTo(GoalSeek.Status.NOT_REACHABLE);
            assertThat(row.breakEven()).as(row.lever()).isNaN();
            assertThat(row.headroom()).as(row.lever()).isNaN();
            assertThat(row.relativeHeadroom()).as(row.lever()).isNaN();
        }
        // by plain evaluation at the bounds: 2100 at 365 days, 1000 at d = 0.3
        assertThat(Plain.metric(discounted(), Metric.CONTRIBUTION, "terms.paymentDays", 365)).isCloseTo(2100, same(2100));
        assertThat(Plain.metric(discounted(), Metric.CONTRIBUTION, "terms.discounts[widgets]", 0.3)).isCloseTo(1000, same(1000));
    }

    @Test
    void ofTwoCrossingsTheOneNearestTodaysValueIsTheBreakEven() {
        // the tent of GoalSeekTest: customerSavings = V up to V = 1000, 3000 − 2V above; 600 is crossed at 600 and 1200
        // today V = 1000: distances 400 and 200 → 1200, headroom +200
        BreakEven.Row high = table(GoalSeekTest.tent(1000), Metric.CUSTOMER_SAVINGS, 600,
                "products[widgets].baseVolume", 0, 2000).get(0);
        assertThat(high.search().crossings()).hasSize(2);
        assertThat(high.breakEven()).isCloseTo(1200, close(1200));
        assertThat(high.headroom()).isCloseTo(200, within(1e-6));
        assertThat(high.relativeHeadroom()).isCloseTo(0.2, within(1e-9));

        // today V = 700: distances 100 and 500 → 600, headroom −100
        BreakEven.Row low = table(GoalSeekTest.tent(700), Metric.CUSTOMER_SAVINGS, 600,
                "products[widgets].baseVolume", 0, 2000).get(0);
        assertThat(low.search().crossings()).hasSize(2);
        assertThat(low.breakEven()).isCloseTo(600, close(600));
        assertThat(low.headroom()).isCloseTo(-100, within(1e-6));
        assertThat(low.relativeHeadroom()).isCloseTo(-100.0 / 700, within(1e-9));
    }

    private static void assertRow(BreakEven.Row row, double current, double breakEven, double headroom, double relative) {
        assertThat(row.status()).as(row.lever()).isEqualTo(GoalSeek.Status.REACHED);
        assertThat(row.current()).as(row.lever() + " current").isEqualTo(current);
        assertThat(row.breakEven()).as(row.lever() + " break-even").isCloseTo(breakEven, close(breakEven));
        assertThat(row.headroom()).as(row.lever() + " headroom").isCloseTo(headroom, close(headroom));
        assertThat(row.relativeHeadroom()).as(row.lever() + " relative headroom").isCloseTo(relative, close(relative));
    }
}
