package io.parley.analysis;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.parley.Fixtures;
import io.parley.engine.CompiledScenario;
import io.parley.engine.Metric;
import io.parley.model.Scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Morris screening against hand-worked effects. Grid level x in {0, 1/(p−1), …, 1} maps to the lever's
 * quantile at q(x) = 0.5/p + x (1 − 1/p); an elementary effect is the metric's change over a step Δ
 * divided by Δ. For a uniform lever Q is linear in u, so with a response linear in the lever every
 * effect equals f(Q(q(1))) − f(Q(q(0))) = f(Q(1 − 0.5/p)) − f(Q(0.5/p)), whatever the step and the
 * other levers: μ is that, μ* its size, σ zero.
 */
class MorrisTest {

    static final String VOLUME = "products[widgets].baseVolume";
    static final String PRICE = "products[widgets].listPrice";
    static final String UNIT_COST = "products[widgets].unitCost";
    static final String FIXED = "costToServe.fixedPerYear";
    static final String INVESTMENT = "terms.upfrontInvestment";
    static final String CUSTOMER_RATE = "customer.costOfCapital";

    static final Scenario THREE_YEARS = Fixtures.flatDeal(3, 4);
    static final CompiledScenario COMPILED_3 = CompiledScenario.compile(THREE_YEARS);
    static final Scenario ONE_YEAR = Fixtures.flatDeal(1, 1);
    static final CompiledScenario COMPILED_1 = CompiledScenario.compile(ONE_YEAR);

    static final int LEVELS = 4;
    static final int TRAJECTORIES = 20;

    static MonteCarlo.Uncertain uncertain(CompiledScenario compiled, String path, Distribution d) {
        return new MonteCarlo.Uncertain(BoundLever.bind(compiled, path), d);
    }

    static Map<String, Morris.Effect> byLever(Morris.Result r) {
        return r.effects().stream().collect(Collectors.toMap(Morris.Effect::lever, Function.identity()));
    }

    static List<MonteCarlo.Uncertain> linearLevers() {
        return List.of(
                uncertain(COMPILED_3, CUSTOMER_RATE, new Distribution.Uniform(0.05, 0.15)),
                uncertain(COMPILED_3, INVESTMENT, new Distribution.Uniform(0, 10_000)),
                uncertain(COMPILED_3, FIXED, new Distribution.Uniform(0, 5_000)),
                uncertain(COMPILED_3, UNIT_COST, new Distribution.Uniform(5, 7)));
    }

    /** f(Q(1 − 0.5/p)) − f(Q(0.5/p)) by plain evaluation, the other levers at the scenario's values. */
    static double scaledRangeChange(Scenario s, Metric m, MonteCarlo.Uncertain u) {
        double lo = u.distribution().quantile(0.5 / LEVELS);
        double hi = u.distribution().quantile(1 - 0.5 / LEVELS);
        return Plain.metric(s, m, u.lever().path(), hi) - Plain.metric(s, m, u.lever().path(), lo);
    }

    @Test
    void linearResponseHasEqualEffectsSoMuIsTheChangeOverTheScaledRangeAndSigmaZero() {
        List<MonteCarlo.Uncertain> levers = linearLevers();
        Morris.Result r = Morris.run(COMPILED_3, levers, List.of(Metric.NPV), TRAJECTORIES, LEVELS, 3).get(0);

        assertThat(r.metric()).isEqualTo(Metric.NPV);
        assertThat(r.effects()).hasSize(4);
        Map<String, Morris.Effect> e = byLever(r);
        for (MonteCarlo.Uncertain u : levers) {
            double want = scaledRangeChange(THREE_YEARS, Metric.NPV, u);
            Morris.Effect ef = e.get(u.lever().path());
            assertThat(ef.mu()).as(u.lever().path() + " μ").isCloseTo(want, within(1e-9 * Math.abs(want) + 1e-9));
            assertThat(ef.muStar()).as(u.lever().path() + " μ*").isCloseTo(Math.abs(want), within(1e-9 * Math.abs(want) + 1e-9));
            assertThat(ef.sigma()).as(u.lever().path() + " σ").isCloseTo(0, within(1e-9 * Math.abs(want) + 1e-9));
        }
        // by hand: the scaled range is (1 − 1/p) = 3/4 of each uniform's width
        double annuity = 0;
        for (int t = 0; t < 12; t++) annuity += Math.pow(1.1, -(t + 1) / 4.0);
        assertThat(e.get(INVESTMENT).mu()).isCloseTo(-Math.pow(1.1, -0.25) * 10_000 * 0.75, within(1e-6));
        assertThat(e.get(FIXED).mu()).isCloseTo(-annuity / 4 * 5_000 * 0.75, within(1e-6));
        assertThat(e.get(UNIT_COST).mu()).isCloseTo(-250 * annuity * 2 * 0.75, within(1e-6));
        // no effect: μ* = 0 (and μ, σ)
        Morris.Effect none = e.get(CUSTOMER_RATE);
        assertThat(new double[] {none.mu(), none.muStar(), none.sigma()}).containsOnly(0.0);
        // sorted by μ*, largest first: fixed 9,667, investment 7,324, unit cost 3,866, customer rate 0
        assertThat(r.effects()).extracting(Morris.Effect::lever).containsExactly(FIXED, INVESTMENT, UNIT_COST, CUSTOMER_RATE);
        assertSortedByMuStar(r);
    }

    static void assertSortedByMuStar(Morris.Result r) {
        for (int i = 0; i + 1 < r.effects().size(); i++) {
            assertThat(r.effects().get(i).muStar()).isGreaterThanOrEqualTo(r.effects().get(i + 1).muStar());
        }
    }

    /**
     * listRevenue = V × P on one annual period. With V uniform on [0, 2000] and P on [5, 15], a step of V
     * changes the metric by 2000 × 3/4 × P, with P at one of its four grid values Q(1/8 … 7/8) = 6.25, 8.75,
     * 11.25, 13.75: effects differ with P's level, so σ > 0, and μ = μ* lies between 1500 × 6.25 and 1500 × 13.75.
     */
    @Test
    void productOfTwoLeversHasSpreadEffects() {
        List<MonteCarlo.Uncertain> levers = List.of(
                uncertain(COMPILED_1, VOLUME, new Distribution.Uniform(0, 2_000)),
                uncertain(COMPILED_1, PRICE, new Distribution.Uniform(5, 15)),
                uncertain(COMPILED_1, UNIT_COST, new Distribution.Uniform(4, 8)));
        Morris.Result r = Morris.run(COMPILED_1, levers, List.of(Metric.LIST_REVENUE), TRAJECTORIES, LEVELS, 8).get(0);
        Map<String, Morris.Effect> e = byLever(r);

        Morris.Effect v = e.get(VOLUME);
        assertThat(v.sigma()).isGreaterThan(0.01 * v.muStar());
        assertThat(v.mu()).isEqualTo(v.muStar()).isBetween(1500 * 6.25, 1500 * 13.75);
        Morris.Effect p = e.get(PRICE);
        assertThat(p.sigma()).isGreaterThan(0.01 * p.muStar());
        assertThat(p.mu()).isEqualTo(p.muStar()).isBetween(7.5 * 250, 7.5 * 1750);
        // the sd of values within [a, b] is at most (b − a)/2, × √(r/(r−1)) for the sample sd
        assertThat(v.sigma()).isLessThanOrEqualTo(1500 * (13.75 - 6.25) / 2 * Math.sqrt(TRAJECTORIES / (TRAJECTORIES - 1.0)));
        Morris.Effect none = e.get(UNIT_COST);
        assertThat(new double[] {none.mu(), none.muStar(), none.sigma()}).containsOnly(0.0);
        assertThat(r.effects().get(2).lever()).isEqualTo(UNIT_COST);
        assertSortedByMuStar(r);
    }

    @Test
    void sameSeedGivesTheSameEffects() {
        List<MonteCarlo.Uncertain> levers = List.of(
                uncertain(COMPILED_1, VOLUME, new Distribution.Normal(1_000, 200)),
                uncertain(COMPILED_1, PRICE, new Distribution.LogNormal(10, 2)),
                uncertain(COMPILED_1, UNIT_COST, new Distribution.Pert(4, 6, 8)));
        List<Metric> metrics = List.of(Metric.LIST_REVENUE, Metric.GROSS_MARGIN, Metric.GROSS_MARGIN_PCT);
        List<Morris.Result> a = Morris.run(COMPILED_1, levers, metrics, 10, 6, 1234);
        List<Morris.Result> b = Morris.run(COMPILED_1, levers, metrics, 10, 6, 1234);
        List<Morris.Result> c = Morris.run(COMPILED_1, levers, metrics, 10, 6, 1235);
        assertThat(b).isEqualTo(a); // records of doubles: bit for bit
        assertThat(c).isNotEqualTo(a);
    }

    @Test
    void aScreeningEvaluatesEachTrajectorysStartAndOneMovePerGroup() {
        // r trajectories of g + 1 points each: 20 × (3 + 1) = 80; 1000 × (40 + 1) = 41,000
        assertThat(Morris.evaluations(20, 3)).isEqualTo(80);
        assertThat(Morris.evaluations(1000, 40)).isEqualTo(41_000);
        // counted in a long: 2^31 − 1 trajectories of 2 groups is 6,442,450,941, past an int
        assertThat(Morris.evaluations(Integer.MAX_VALUE, 2)).isEqualTo(3L * Integer.MAX_VALUE);
    }
}
