package io.parley.analysis;

import org.junit.jupiter.api.Test;

import io.parley.Fixtures;
import io.parley.engine.CompiledScenario;
import io.parley.engine.Metric;
import io.parley.model.RebateBasis;
import io.parley.model.Scenario;

import static io.parley.analysis.Plain.close;
import static io.parley.analysis.Plain.same;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Goal seek: the lever value at which a metric reaches a target, checked against closed forms worked by hand
 * and against plain evaluations at the answer; jumps of a stepping metric and several crossings of a
 * non-monotone one are located by hand.
 */
class GoalSeekTest {

    static final String DISCOUNT = "terms.discounts[widgets]";
    static final String VOLUME = "products[widgets].baseVolume";

    static GoalSeek.Result seek(Scenario s, String path, Metric metric, double target, double lower, double upper,
                                double tolerance) {
        CompiledScenario compiled = CompiledScenario.compile(s);
        return GoalSeek.seek(compiled, BoundLever.bind(compiled, path), metric, target, lower, upper, tolerance);
    }

    /**
     * One year, annual: 1000 widgets at list 10, terms discount 0.1, nothing else; the baseline has an
     * INCREMENTAL rebate of 30 % on spend above 10000.
     * customerSavings(V) = CS_b − CS = (10V − 0.3 × max(0, 10V − 10000)) − 9V
     *                    = V                 for V ≤ 1000
     *                    = 3000 − 2V         for V ≥ 1000      (a tent peaking at 1000 when V = 1000)
     */
    static Scenario tent(double baseVolume) {
        Scenario s = Plain.set(Fixtures.flatDeal(1, 1), DISCOUNT, 0.1, VOLUME, baseVolume);
        return Plain.withBaselineRebate(s, Plain.rebate(RebateBasis.INCREMENTAL, 10000, 0.3));
    }

    @Test
    void linearMetricIsSolvedToTheClosedForm() {
        // flat deal, 3 years quarterly: NR = V × P × years × (1 − d) = 1000 × 10 × 3 × (1 − d) = 30000 (1 − d)
        // target 25500 → d = 1 − 25500 / 30000 = 0.15
        Scenario s = Fixtures.flatDeal(3, 4);
        GoalSeek.Result r = seek(s, DISCOUNT, Metric.NET_REVENUE, 25500, 0, LeverDomain.ALMOST_ONE, 1e-9);

        assertThat(r.status()).isEqualTo(GoalSeek.Status.REACHED);
        assertThat(r.value()).isCloseTo(0.15, same(0.15));
        assertThat(r.result()).isCloseTo(25500, within(1e-9));
        assertThat(r.target()).isEqualTo(25500);
        assertThat(r.crossings()).hasSize(1);
        // the plain evaluation at the answer hits the target
        assertThat(Plain.metric(s, Metric.NET_REVENUE, DISCOUNT, r.value())).isCloseTo(25500, within(1e-9));
    }

    @Test
    void linearMetricClosedFormForSeveralTargets() {
        // one year annual: NR = 10000 (1 − d) → d = 1 − target / 10000
        Scenario s = Fixtures.flatDeal(1, 1);
        for (double target : new double[] {9999, 9123.45, 7777, 5000, 1234.5, 3.21}) {
            GoalSeek.Result r = seek(s, DISCOUNT, Metric.NET_REVENUE, target, 0, LeverDomain.ALMOST_ONE, 1e-9);
            double d = 1 - target / 10000;
            assertThat(r.status()).as("target %s", target).isEqualTo(GoalSeek.Status.REACHED);
            assertThat(r.value()).as("target %s", target).isCloseTo(d, within(1e-12));
        }
    }

    @Test
    void answerHitsTheTargetWithinTheStatedToleranceOnAnExample() {
        Scenario s = Fixtures.example("industrial-consumables-rebates.json");
        String path = "terms.discounts[carbide-inserts]";
        CompiledScenario compiled = CompiledScenario.compile(s);
        BoundLever lever = BoundLever.bind(compiled, path);
        LeverDomain domain = LeverDomain.of(compiled, lever);
        // two points below today's contribution margin: reachable by a deeper discount
        double target = Plain.metric(s, Metric.CONTRIBUTION_MARGIN_PCT) - 0.02;
        double tolerance = GoalSeek.defaultTolerance(target);

        GoalSeek.Result r = GoalSeek.seek(compiled, lever, Metric.CONTRIBUTION_MARGIN_PCT, target,
                domain.lower(), domain.upper(), tolerance);

        assertThat(r.status()).isEqualTo(GoalSeek.Status.REACHED);
        assertThat(r.tolerance()).isEqualTo(tolerance);
        assertThat(r.value()).isBetween(domain.lower(), domain.upper());
        double plain = Plain.metric(s, Metric.CONTRIBUTION_MARGIN_PCT, path, r.value());
        assertThat(plain).isCloseTo(target, within(tolerance));
        assertThat(r.result()).isCloseTo(plain, same(plain));
        // a deeper discount than today's 0.08 lowers the margin
        assertThat(r.value()).isGreaterThan(0.08);
    }

    @Test
    void targetOutsideTheRangeIsNotReachableAndReportsTheBounds() {
        // 3 years quarterly: NR = 30000 (1 − d); on d ∈ [0, 0.5] NR runs from 30000 down to 15000
        Scenario s = Fixtures.flatDeal(3, 4);
        for (double target : new double[] {40000, 30000.5, 14999, -1}) {
            GoalSeek.Result r = seek(s, DISCOUNT, Metric.NET_REVENUE, target, 0, 0.5, 1e-6);

            assertThat(r.status()).as("target %s", target).isEqualTo(GoalSeek.Status.NOT_REACHABLE);
            assertThat(r.value()).isNaN();
            assertThat(r.result()).isNaN();
            assertThat(r.crossings()).isEmpty();
            assertThat(r.lower()).isEqualTo(0);
            assertThat(r.upper()).isEqualTo(0.5);
            assertThat(r.atLower()).isCloseTo(Plain.metric(s, Metric.NET_REVENUE, DISCOUNT, 0), same(30000));
            assertThat(r.atUpper()).isCloseTo(Plain.metric(s, Metric.NET_REVENUE, DISCOUNT, 0.5), same(15000));
            // by hand: 30000 and 30000 × 0.5 = 15000
            assertThat(r.atLower()).isCloseTo(30000, same(30000));
            assertThat(r.atUpper()).isCloseTo(15000, same(15000));
        }
    }

    @Test
    void steppingMetricJumpsAcrossTheTargetWhereSpendReachesTheTier() {
        // one year quarterly, 10 a unit, no discount: annual spend S = 4 × (V / 4) × 10 = 10 V
        // RETROACTIVE tier from 12000 at 5 %: rebate = 0 for 10 V < 12000, 0.05 × 10 V from V = 1200 on
        // at V = 1200 the rebate jumps from 0 to 0.05 × 12000 = 600: a target of 300 is never taken
        Scenario s = Plain.withTermsRebate(Fixtures.flatDeal(1, 4), Plain.rebate(RebateBasis.RETROACTIVE, 12000, 0.05));
        GoalSeek.Result r = seek(s, VOLUME, Metric.REBATE, 300, 0, 3000, GoalSeek.defaultTolerance(300));

        assertThat(r.status()).isEqualTo(GoalSeek.Status.JUMP);
        assertThat(r.crossings()).hasSize(1);
        GoalSeek.Crossing jump = r.crossings().get(0);
        assertThat(jump.status()).isEqualTo(GoalSeek.Status.JUMP);
        assertThat(r.value()).isEqualTo(jump.value());
        // located where 10 V = 12000, V = 1200
        assertThat(jump.value()).isCloseTo(1200, close(1200));
        assertThat(jump.below()).isLessThan(300);
        assertThat(jump.above()).isGreaterThan(300);
        // below the tier nothing; just past it 5 % of 10 × 1200
        assertThat(jump.below()).isCloseTo(0, within(1e-9));
        assertThat(jump.above()).isCloseTo(600, close(600));
        // the plain evaluation agrees on both sides of the located jump
        assertThat(Plain.metric(s, Metric.REBATE, VOLUME, jump.value())).isCloseTo(jump.above(), same(jump.above()));
        assertThat(Plain.metric(s, Metric.REBATE, VOLUME, 1200 * (1 - 1e-9))).isZero();
        assertThat(Plain.metric(s, Metric.REBATE, VOLUME, 1200 * (1 + 1e-9))).isGreaterThan(600);
    }

    @Test
    void nonMonotoneMetricListsBothCrossingsInLeverOrder() {
        // the tent: V = 600 on the way up; 3000 − 2V = 600 → V = 1200 on the way down
        Scenario s = tent(1000);
        double tolerance = GoalSeek.defaultTolerance(600);
        GoalSeek.Result r = seek(s, VOLUME, Metric.CUSTOMER_SAVINGS, 600, 0, 2000, tolerance);

        assertThat(r.status()).isEqualTo(GoalSeek.Status.REACHED);
        assertThat(r.crossings()).hasSize(2);
        assertThat(r.crossings()).extracting(GoalSeek.Crossing::status)
                .containsExactly(GoalSeek.Status.REACHED, GoalSeek.Status.REACHED);
        assertThat(r.crossings().get(0).value()).isCloseTo(600, close(600));
        assertThat(r.crossings().get(1).value()).isCloseTo(1200, close(1200));
        // the answer is the first crossing
        assertThat(r.value()).isEqualTo(r.crossings().get(0).value());
        for (GoalSeek.Crossing c : r.crossings()) {
            assertThat(Plain.metric(s, Metric.CUSTOMER_SAVINGS, VOLUME, c.value())).isCloseTo(600, within(tolerance));
        }
        // at the bounds: V = 0 → 0; V = 2000 → 3000 − 4000 = −1000
        assertThat(r.atLower()).isCloseTo(0, within(1e-9));
        assertThat(r.atUpper()).isCloseTo(-1000, same(-1000));
        // the tent's peak by plain evaluation: 1000 at V = 1000
        assertThat(Plain.metric(s, Metric.CUSTOMER_SAVINGS)).isCloseTo(1000, same(1000));
    }

    @Test
    void crossingNextToABoundWhereTheMetricIsNullIsStillFound() {
        // a high-margin line, one year: 1000 a year at list 100, costing 10; CM% = (P − 10) / P = 1 − 10 / P,
        // null at P = 0 (no revenue). Break-even CM% = 0 at P = 10, inside the lever's default range
        // [0, 10 × 100] and the metric is finite everywhere on (0, 1000]
        String price = "products[widgets].listPrice";
        Scenario s = Plain.set(Fixtures.flatDeal(1, 1), price, 100, "products[widgets].unitCost", 10);
        CompiledScenario compiled = CompiledScenario.compile(s);
        BoundLever lever = BoundLever.bind(compiled, price);
        LeverDomain domain = LeverDomain.of(compiled, lever);
        assertThat(domain.lower()).isZero();
        assertThat(domain.upper()).isEqualTo(1000);
        assertThat(Plain.metric(s, Metric.CONTRIBUTION_MARGIN_PCT, price, 0)).isNaN();
        assertThat(Plain.metric(s, Metric.CONTRIBUTION_MARGIN_PCT, price, 10)).isZero();

        GoalSeek.Result r = GoalSeek.seek(compiled, lever, Metric.CONTRIBUTION_MARGIN_PCT, 0, domain.lower(), domain.upper(),
                GoalSeek.defaultTolerance(0));

        assertThat(r.status()).isEqualTo(GoalSeek.Status.REACHED);
        assertThat(r.value()).isCloseTo(10, close(10));
    }

    /**
     * A deal of 1e11 a year: 1e10 widgets at list 10 costing 6.5, growing 7 % a year, paid after 30 days, monthly
     * over five years at 10 %. Every period's NPV term is v(t) × [10 (1 − d)(1 − 30/365 × 0.1) − 6.5] × DF(t), so NPV
     * crosses 0 where the bracket is 0, whatever the volumes and discount factors:
     * d* = 1 − 6.5 / (10 × (1 − 3/365)) = 0.34461325966850828…
     * The NPV's rounding noise there is ~1e-4, far above an absolute 1e-6: it must not be called a jump.
     */
    static Scenario hundredBillionDeal() {
        return Plain.set(Fixtures.flatDeal(5, 12), VOLUME, 1e10, "products[widgets].unitCost", 6.5,
                "products[widgets].volumeGrowth", 0.07, "terms.paymentDays", 30);
    }

    static final double HUNDRED_BILLION_BREAK_EVEN = 1 - 6.5 / (10 * (1 - 3.0 / 365));

    @Test
    void aSmoothCrossingOnAHundredBillionDealIsReachedNotAJump() {
        GoalSeek.Result r = seek(hundredBillionDeal(), DISCOUNT, Metric.NPV, 0, 0, 0.9, GoalSeek.defaultTolerance(0));

        assertThat(r.status()).isEqualTo(GoalSeek.Status.REACHED);
        assertThat(r.crossings()).extracting(GoalSeek.Crossing::status).containsExactly(GoalSeek.Status.REACHED);
        assertThat(r.value()).isCloseTo(HUNDRED_BILLION_BREAK_EVEN, within(1e-12));
        // the tolerance used is scaled to the deal: 1e-12 of its largest sum of money, under 1e-6 of it
        double listRevenue = Plain.metric(hundredBillionDeal(), Metric.LIST_REVENUE);
        assertThat(r.tolerance()).isGreaterThan(1e-6).isLessThanOrEqualTo(1e-12 * listRevenue * 1.5);
        assertThat(Math.abs(r.result())).isLessThanOrEqualTo(r.tolerance());
    }

    @Test
    void breakEvenOnAHundredBillionDealIsReachedNotAJump() {
        CompiledScenario compiled = CompiledScenario.compile(hundredBillionDeal());
        BoundLever lever = BoundLever.bind(compiled, DISCOUNT);
        BreakEven.Row row = BreakEven.table(compiled, java.util.List.of(new BreakEven.Input(lever, 0, 0.9)), Metric.NPV,
                0, GoalSeek.defaultTolerance(0)).get(0);

        assertThat(row.status()).isEqualTo(GoalSeek.Status.REACHED);
        assertThat(row.breakEven()).isCloseTo(HUNDRED_BILLION_BREAK_EVEN, within(1e-12));
    }

    /**
     * One year, annual: NR = 10000 (1 − d). At d = 0.123456789 that is 8765.43211, which (NR − 1e14) + 1e14 would
     * round to a multiple of 1/64 (the spacing of doubles near 1e14): the bounds report the figure evaluated.
     */
    @Test
    void theBoundsReportTheMetricAsEvaluatedWhateverTheTarget() {
        Scenario s = Fixtures.flatDeal(1, 1);
        double lower = 0.123456789;
        double upper = 0.987654321;
        GoalSeek.Result r = seek(s, DISCOUNT, Metric.NET_REVENUE, 1e14, lower, upper, GoalSeek.defaultTolerance(1e14));

        assertThat(r.status()).isEqualTo(GoalSeek.Status.NOT_REACHABLE);
        assertThat(r.atLower()).isEqualTo(Plain.metric(s, Metric.NET_REVENUE, DISCOUNT, lower));
        assertThat(r.atUpper()).isEqualTo(Plain.metric(s, Metric.NET_REVENUE, DISCOUNT, upper));
        assertThat(r.atLower()).isCloseTo(8765.43211, within(1e-9));
    }

    /** List revenue does not depend on the discount: 1000 × 10 = 10000 everywhere, so it is the target over all the bounds. */
    @Test
    void aFlatMetricAtTheTargetIsOneFlatCrossingNotOnePerScanPoint() {
        Scenario s = Fixtures.flatDeal(1, 1);
        GoalSeek.Result r = seek(s, DISCOUNT, Metric.LIST_REVENUE, 10000, 0.1, 0.6, GoalSeek.defaultTolerance(10000));

        assertThat(r.status()).isEqualTo(GoalSeek.Status.FLAT);
        assertThat(r.crossings()).hasSize(1);
        GoalSeek.Crossing flat = r.crossings().get(0);
        assertThat(flat.status()).isEqualTo(GoalSeek.Status.FLAT);
        assertThat(flat.value()).isEqualTo(0.1);
        assertThat(flat.end()).isEqualTo(0.6);
        assertThat(flat.result()).isEqualTo(10000);
        assertThat(r.value()).isEqualTo(0.1);
    }

    @Test
    void breakEvenOnAFlatStretchIsTodaysValue() {
        Scenario s = Plain.set(Fixtures.flatDeal(1, 1), DISCOUNT, 0.3);
        CompiledScenario compiled = CompiledScenario.compile(s);
        BoundLever lever = BoundLever.bind(compiled, DISCOUNT);
        BreakEven.Row row = BreakEven.table(compiled, java.util.List.of(new BreakEven.Input(lever, 0.1, 0.6)),
                Metric.LIST_REVENUE, 10000, GoalSeek.defaultTolerance(10000)).get(0);

        assertThat(row.status()).isEqualTo(GoalSeek.Status.FLAT);
        assertThat(row.breakEven()).isEqualTo(0.3);
        assertThat(row.headroom()).isEqualTo(0);
    }
}
