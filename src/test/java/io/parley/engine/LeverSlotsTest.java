package io.parley.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.parley.model.InvalidLeverPathException;
import io.parley.model.Levers;
import io.parley.model.RebateBasis;
import io.parley.model.Scenario;

import static io.parley.engine.Hand.deal;
import static io.parley.engine.Hand.product;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Setting a lever by its slot in the parameter vector must evaluate exactly like compiling the scenario with that
 * number changed through {@link Levers#apply}; an evaluator reused with other values must not carry anything over.
 */
class LeverSlotsTest {

    /**
     * Quarterly, three years, every lever kind present: widgets are discounted in terms but not in the baseline,
     * gadgets the other way round; two terms tiers, one baseline tier; a service on each side.
     */
    static final Scenario BASE = deal(3, 4)
            .with(product("widgets", 1000, 10, 6, 0.1, 0.03, 0.02))
            .with(product("gadgets", 300, 40, 25, -0.05, 0.02, 0.04))
            .supplierCostOfCapital(0.08).customerCostOfCapital(0.06)
            .costToServe(2000, 0.03)
            .discount("widgets", 0.05).baselineDiscount("gadgets", 0.02)
            .rebate(RebateBasis.INCREMENTAL, 0, 0.01, 15000, 0.02)
            .baselineRebate(RebateBasis.RETROACTIVE, 20000, 0.01)
            .paymentDays(60).baselinePaymentDays(30)
            .service("support", 800, 1500).baselineService("legacy", 200, 300)
            .renewal(1, 0.9).investment(3000)
            .build();

    static final CompiledScenario COMPILED = CompiledScenario.compile(BASE);

    /** The summary of BASE recompiled with {@code path} set to {@code value}. */
    static double[] recompiled(String path, double value) {
        return CompiledScenario.compile(Levers.apply(BASE, Levers.resolve(path, BASE), value)).summary();
    }

    /** The parameter vector of BASE with {@code path} set to {@code value}. */
    static double[] withSlot(String path, double value) {
        double[] p = COMPILED.parameters();
        p[COMPILED.slot(path)] = value;
        return p;
    }

    static double[] evaluate(Evaluator e, double[] p) {
        double[] out = new double[Metric.count()];
        e.evaluate(p, out);
        return out;
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "products[widgets].baseVolume, 1500",
            "products[widgets].listPrice, 12",
            "products[widgets].unitCost, 5",
            "products[gadgets].volumeGrowth, 0.2",
            "products[widgets].priceEscalator, 0.07",
            "products[gadgets].costInflation, 0.1",
            "terms.discounts[widgets], 0.15",
            "terms.discounts[gadgets], 0.08",
            "baseline.discounts[gadgets], 0.04",
            "baseline.discounts[widgets], 0.03",
            "terms.rebate.tiers[0].rate, 0.005",
            "terms.rebate.tiers[1].rate, 0.035",
            "terms.rebate.tiers[1].threshold, 25000",
            "baseline.rebate.tiers[0].rate, 0.02",
            "baseline.rebate.tiers[0].threshold, 60000",
            "terms.services[support].costPerYear, 1200",
            "terms.services[support].valuePerYear, 2500",
            "baseline.services[legacy].costPerYear, 500",
            "baseline.services[legacy].valuePerYear, 900",
            "terms.paymentDays, 90",
            "baseline.paymentDays, 45",
            "terms.contractYears, 2",
            "terms.renewalProbability, 0.6",
            "terms.upfrontInvestment, 8000",
            "costToServe.fixedPerYear, 3500",
            "costToServe.inflation, 0.05",
            "supplier.costOfCapital, 0.12",
            "customer.costOfCapital, 0.02",
    })
    void settingASlotEvaluatesLikeRecompilingWithTheLeverApplied(String path, double value) {
        double[] bySlot = evaluate(COMPILED.newEvaluator(), withSlot(path, value));
        double[] expected = recompiled(path, value);

        assertThat(bySlot).containsExactly(expected);
        // and the lever made a difference, so the slot is not a dead one
        assertThat(bySlot).isNotEqualTo(COMPILED.summary());
    }

    @Test
    void aProductAbsentFromDiscountsHasASlotAtZero() {
        // gadgets have no terms discount: their slot holds d = 0, the default of the spec
        assertThat(COMPILED.parameters()[COMPILED.slot("terms.discounts[gadgets]")]).isZero();
        assertThat(COMPILED.parameters()[COMPILED.slot("baseline.discounts[widgets]")]).isZero();
    }

    @ParameterizedTest(name = "{0}: {1} then {2} then back")
    @CsvSource({
            "products[widgets].volumeGrowth, 0.1, 0.25",
            "products[gadgets].costInflation, 0.04, -0.02",
            "costToServe.inflation, 0.03, 0.09",
            "supplier.costOfCapital, 0.08, 0.15",
            "customer.costOfCapital, 0.06, 0.01",
    })
    void reusingAnEvaluatorWithOtherRatesLeavesNothingStale(String path, double original, double other) {
        Evaluator e = COMPILED.newEvaluator();

        double[] first = evaluate(e, withSlot(path, original));
        double[] changed = evaluate(e, withSlot(path, other));
        double[] back = evaluate(e, withSlot(path, original));
        double[] changedAgain = evaluate(e, withSlot(path, other));

        assertThat(first).containsExactly(COMPILED.summary());
        assertThat(changed).containsExactly(recompiled(path, other));
        assertThat(back).containsExactly(first);
        assertThat(changedAgain).containsExactly(changed);
    }

    @Test
    void reusingAnEvaluatorWithSeveralLeversAtOnceLeavesNothingStale() {
        Evaluator e = COMPILED.newEvaluator();
        double[] p = COMPILED.parameters();
        p[COMPILED.slot("products[widgets].volumeGrowth")] = 0.3;
        p[COMPILED.slot("products[widgets].costInflation")] = 0.06;
        p[COMPILED.slot("supplier.costOfCapital")] = 0.2;
        p[COMPILED.slot("terms.discounts[gadgets]")] = 0.1;

        double[] changed = evaluate(e, p);
        double[] back = evaluate(e, COMPILED.parameters());

        Scenario s = BASE;
        s = Levers.apply(s, Levers.resolve("products[widgets].volumeGrowth", s), 0.3);
        s = Levers.apply(s, Levers.resolve("products[widgets].costInflation", s), 0.06);
        s = Levers.apply(s, Levers.resolve("supplier.costOfCapital", s), 0.2);
        s = Levers.apply(s, Levers.resolve("terms.discounts[gadgets]", s), 0.1);
        assertThat(changed).containsExactly(CompiledScenario.compile(s).summary());
        assertThat(back).containsExactly(COMPILED.summary());
    }

    @Test
    void aReportAfterEvaluationsUsesOnlyItsOwnParameters() {
        Evaluator e = COMPILED.newEvaluator();
        evaluate(e, withSlot("products[widgets].volumeGrowth", 0.4));
        evaluate(e, withSlot("supplier.costOfCapital", 0.3));

        double[] p = withSlot("costToServe.inflation", 0.07);
        Report report = e.report(p);

        assertThat(report.summary()).containsExactly(recompiled("costToServe.inflation", 0.07));
        assertThat(evaluate(e, p)).containsExactly(report.summary());
    }

    @Test
    void twoEvaluatorsDoNotInterfere() {
        Evaluator a = COMPILED.newEvaluator();
        Evaluator b = COMPILED.newEvaluator();
        double[] pa = withSlot("products[widgets].volumeGrowth", 0.25);
        double[] pb = withSlot("products[widgets].volumeGrowth", -0.1);
        double[] wantA = recompiled("products[widgets].volumeGrowth", 0.25);
        double[] wantB = recompiled("products[widgets].volumeGrowth", -0.1);

        double[] a1 = evaluate(a, pa);
        double[] b1 = evaluate(b, pb);
        double[] a2 = evaluate(a, pa);
        double[] b2 = evaluate(b, pb);

        assertThat(a1).containsExactly(wantA);
        assertThat(a2).containsExactly(wantA);
        assertThat(b1).containsExactly(wantB);
        assertThat(b2).containsExactly(wantB);
    }

    @Test
    void parametersAreACopy() {
        double[] before = COMPILED.summary();
        double[] p = COMPILED.parameters();
        p[COMPILED.slot("products[widgets].listPrice")] = 99;

        assertThat(COMPILED.parameters()[COMPILED.slot("products[widgets].listPrice")]).isEqualTo(10);
        assertThat(COMPILED.summary()).containsExactly(before);
    }

    @Test
    void horizonLeversHaveNoSlot() {
        assertThatThrownBy(() -> COMPILED.slot("horizon.years"))
                .isInstanceOf(InvalidLeverPathException.class);
        assertThatThrownBy(() -> COMPILED.slot("horizon.periodsPerYear"))
                .isInstanceOf(InvalidLeverPathException.class);
    }
}
