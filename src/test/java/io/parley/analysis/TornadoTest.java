package io.parley.analysis;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.parley.Fixtures;
import io.parley.engine.CompiledScenario;
import io.parley.engine.Metric;
import io.parley.model.Scenario;

import static io.parley.analysis.Plain.assertSame;
import static io.parley.analysis.Plain.same;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Tornado: each lever moved to its low and high value with every other lever held at the scenario's value;
 * bars widest swing first, a null swing last. Every figure is checked against a plain evaluation of the
 * scenario changed through Levers.apply, or against the flat deal worked by hand.
 */
class TornadoTest {

    static final Scenario DEAL = Fixtures.example("industrial-consumables-rebates.json");
    static final CompiledScenario COMPILED = CompiledScenario.compile(DEAL);
    static final List<Metric> METRICS = List.of(Metric.NPV, Metric.CONTRIBUTION, Metric.CUSTOMER_NPV,
            Metric.CONTRIBUTION_MARGIN_PCT);

    /** Levers of six kinds, each moved to a realistic low and high. */
    static List<Tornado.Input> inputs() {
        return List.of(
                input(COMPILED, "terms.discounts[carbide-inserts]", 0.04, 0.12),
                input(COMPILED, "terms.paymentDays", 60, 120),
                input(COMPILED, "products[abrasive-discs].unitCost", 1.3, 1.6),
                input(COMPILED, "terms.renewalProbability", 0.8, 1),
                input(COMPILED, "costToServe.fixedPerYear", 80000, 120000),
                input(COMPILED, "terms.rebate.tiers[1].rate", 0.01, 0.02),
                input(COMPILED, "products[nitrile-gloves].volumeGrowth", 0, 0.1));
    }

    static Tornado.Input input(CompiledScenario compiled, String path, double low, double high) {
        return new Tornado.Input(BoundLever.bind(compiled, path), low, high);
    }

    static Map<String, Tornado.Bar> byLever(Tornado.Chart chart) {
        return chart.bars().stream().collect(Collectors.toMap(Tornado.Bar::lever, b -> b));
    }

    @Test
    void everyBarIsAPlainEvaluationAtTheLeversLowAndHigh() {
        List<Tornado.Chart> charts = Tornado.run(COMPILED, inputs(), METRICS);

        assertThat(charts).extracting(Tornado.Chart::metric).containsExactlyElementsOf(METRICS);
        for (Tornado.Chart chart : charts) {
            Map<String, Tornado.Bar> bars = byLever(chart);
            assertThat(bars).hasSize(inputs().size());
            for (Tornado.Input in : inputs()) {
                String path = in.lever().path();
                Tornado.Bar bar = bars.get(path);
                double low = Plain.metric(DEAL, chart.metric(), path, in.low());
                double high = Plain.metric(DEAL, chart.metric(), path, in.high());
                String what = chart.metric() + " " + path;
                assertThat(bar.low()).as(what + " low").isEqualTo(in.low());
                assertThat(bar.high()).as(what + " high").isEqualTo(in.high());
                assertThat(bar.baseValue()).as(what + " base value").isEqualTo(Plain.valueOf(DEAL, path));
                assertSame(bar.atLow(), low, what + " at low");
                assertSame(bar.atHigh(), high, what + " at high");
                // swing = |metric at high − metric at low|, from the plain evaluations
                double swing = Math.abs(high - low);
                assertThat(bar.swing()).as(what + " swing")
                        .isCloseTo(swing, within(Plain.SAME * (Math.abs(low) + Math.abs(high)) + Plain.SAME));
            }
        }
    }

    @Test
    void barsAreSortedBySwingWidestFirst() {
        for (Tornado.Chart chart : Tornado.run(COMPILED, inputs(), METRICS)) {
            // the expected order: the levers sorted by the swing of their plain evaluations, widest first
            List<String> expected = inputs().stream()
                    .sorted(Comparator.comparingDouble((Tornado.Input in) -> Math.abs(
                            Plain.metric(DEAL, chart.metric(), in.lever().path(), in.high())
                                    - Plain.metric(DEAL, chart.metric(), in.lever().path(), in.low()))).reversed())
                    .map(in -> in.lever().path()).toList();

            assertThat(chart.bars()).extracting(Tornado.Bar::lever).as(chart.metric().apiName)
                    .containsExactlyElementsOf(expected);
            for (int i = 1; i < chart.bars().size(); i++) {
                assertThat(chart.bars().get(i).swing()).as(chart.metric() + " bar " + i)
                        .isLessThanOrEqualTo(chart.bars().get(i - 1).swing());
            }
        }
    }

    @Test
    void barWithNullMetricSortsLast() {
        // flat deal, one year: 1000 a year at 10 costing 6, no discount, no cost to serve, paid at once
        Scenario flat = Fixtures.flatDeal(1, 1);
        CompiledScenario compiled = CompiledScenario.compile(flat);
        List<Tornado.Input> inputs = List.of(
                input(compiled, "products[widgets].listPrice", 0, 12), // listed first on purpose
                input(compiled, "terms.discounts[widgets]", 0, 0.2),
                input(compiled, "products[widgets].unitCost", 5, 7));

        Tornado.Chart chart = Tornado.run(compiled, inputs, List.of(Metric.CONTRIBUTION_MARGIN_PCT)).get(0);

        // CM% = (P(1−d) − c) / (P(1−d)) = 1 − c / (P(1−d))
        // listPrice 0:   NR − rebate = 0 → null;          12: 1 − 6/12 = 0.5  → swing null
        // discount 0:    1 − 6/10 = 0.4;                  0.2: 1 − 6/8 = 0.25 → swing 0.15
        // unitCost 5:    1 − 5/10 = 0.5;                  7: 1 − 7/10 = 0.3   → swing 0.2
        assertThat(chart.bars()).extracting(Tornado.Bar::lever).containsExactly(
                "products[widgets].unitCost", "terms.discounts[widgets]", "products[widgets].listPrice");
        Tornado.Bar unitCost = chart.bars().get(0);
        assertThat(unitCost.atLow()).isCloseTo(0.5, same(0.5));
        assertThat(unitCost.atHigh()).isCloseTo(0.3, same(0.3));
        assertThat(unitCost.swing()).isCloseTo(0.2, same(0.2));
        Tornado.Bar discount = chart.bars().get(1);
        assertThat(discount.atLow()).isCloseTo(0.4, same(0.4));
        assertThat(discount.atHigh()).isCloseTo(0.25, same(0.25));
        assertThat(discount.swing()).isCloseTo(0.15, same(0.15));
        Tornado.Bar listPrice = chart.bars().get(2);
        assertThat(listPrice.atLow()).isNaN();
        assertThat(listPrice.atHigh()).isCloseTo(0.5, same(0.5));
        assertThat(listPrice.swing()).isNaN();
        // and the plain evaluation agrees that the metric is null at list price 0
        assertThat(Plain.metric(flat, Metric.CONTRIBUTION_MARGIN_PCT, "products[widgets].listPrice", 0)).isNaN();
    }

    @Test
    void baseIsTheScenariosOwnMetric() {
        double[] own = Plain.summary(DEAL);
        for (Tornado.Chart chart : Tornado.run(COMPILED, inputs(), METRICS)) {
            assertSame(chart.base(), own[chart.metric().ordinal()], chart.metric().apiName);
        }

        // flat deal by hand: CM% = (10 − 6) / 10 = 0.4
        CompiledScenario flat = CompiledScenario.compile(Fixtures.flatDeal(1, 1));
        Tornado.Chart chart = Tornado.run(flat, List.of(input(flat, "terms.discounts[widgets]", 0, 0.2)),
                List.of(Metric.CONTRIBUTION_MARGIN_PCT)).get(0);
        assertThat(chart.base()).isCloseTo(0.4, same(0.4));
    }

    @Test
    void movingOneLeverDoesNotLeakIntoTheNextLeversEvaluation() {
        String discount = "terms.discounts[carbide-inserts]";
        String price = "products[carbide-inserts].listPrice";
        // the discount goes to an extreme first; the price bar must still be evaluated at the base discount 0.08
        List<Tornado.Input> discountFirst = List.of(input(COMPILED, discount, 0.0, 0.9), input(COMPILED, price, 8, 12));
        List<Tornado.Input> priceFirst = List.of(input(COMPILED, price, 8, 12), input(COMPILED, discount, 0.0, 0.9));

        for (List<Tornado.Input> order : List.of(discountFirst, priceFirst)) {
            Map<String, Tornado.Bar> bars = byLever(Tornado.run(COMPILED, order, List.of(Metric.NPV)).get(0));

            double priceOnlyHigh = Plain.metric(DEAL, Metric.NPV, price, 12);
            double bothMoved = Plain.metric(Plain.set(DEAL, discount, 0.9, price, 12), Metric.NPV);
            assertThat(bothMoved).as("the check can tell the two apart").isNotCloseTo(priceOnlyHigh, same(priceOnlyHigh));
            assertSame(bars.get(price).atHigh(), priceOnlyHigh, "price bar at high, discount at base");
            assertSame(bars.get(price).atLow(), Plain.metric(DEAL, Metric.NPV, price, 8), "price bar at low");
            assertSame(bars.get(discount).atLow(), Plain.metric(DEAL, Metric.NPV, discount, 0.0), "discount bar at low, price at base");
            assertSame(bars.get(discount).atHigh(), Plain.metric(DEAL, Metric.NPV, discount, 0.9), "discount bar at high");
        }
    }

    @Test
    void equalSwingsKeepTheRequestsOrder() {
        // flat deal, one year: contribution = 1000 × (10 (1 − d) − c)
        // unitCost 5 → 7: 5000 − 3000, swing 2000; listPrice 9 → 11: 1000 × (9 − 6) = 3000 … 1000 × (11 − 6) = 5000, swing 2000
        Scenario flat = Fixtures.flatDeal(1, 1);
        CompiledScenario compiled = CompiledScenario.compile(flat);
        for (String first : List.of("products[widgets].unitCost", "products[widgets].listPrice")) {
            List<Tornado.Input> inputs = first.endsWith("unitCost")
                    ? List.of(input(compiled, "products[widgets].unitCost", 5, 7), input(compiled, "products[widgets].listPrice", 9, 11))
                    : List.of(input(compiled, "products[widgets].listPrice", 9, 11), input(compiled, "products[widgets].unitCost", 5, 7));
            Tornado.Chart chart = Tornado.run(compiled, inputs, List.of(Metric.CONTRIBUTION)).get(0);
            assertThat(chart.bars().get(0).lever()).isEqualTo(first);
            assertThat(chart.bars()).extracting(Tornado.Bar::swing).allSatisfy(s -> assertThat(s).isCloseTo(2000, same(2000)));
        }
    }
}
