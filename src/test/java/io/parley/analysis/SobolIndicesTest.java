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
 * Sobol indices against closed forms. For independent levers and a response that is linear,
 * y = c + Σ a_i x_i, the variance splits exactly: S_i = ST_i = a_i² Var(x_i) / Σ_j a_j² Var(x_j).
 * For a product of two independent levers y = V P: Var(y) = E[V²]E[P²] − E[V]²E[P]²,
 * S_V = Var(V) E[P]² / Var(y), and ST_V = 1 − S_P = (Var(y) − Var(P) E[V]²) / Var(y).
 * A lever with no effect has S = ST = 0.
 */
class SobolIndicesTest {

    static final String VOLUME = "products[widgets].baseVolume";
    static final String PRICE = "products[widgets].listPrice";
    static final String UNIT_COST = "products[widgets].unitCost";
    static final String FIXED = "costToServe.fixedPerYear";
    static final String INVESTMENT = "terms.upfrontInvestment";
    static final String CUSTOMER_RATE = "customer.costOfCapital";

    static MonteCarlo.Uncertain uncertain(CompiledScenario compiled, String path, Distribution d) {
        return new MonteCarlo.Uncertain(BoundLever.bind(compiled, path), d);
    }

    static Map<String, SobolIndices.Index> byLever(SobolIndices.Result r) {
        return r.indices().stream().collect(Collectors.toMap(SobolIndices.Index::lever, Function.identity()));
    }

    /** The estimate within its own bootstrap interval, and the known value within the interval too. */
    static void assertKnown(SobolIndices.Index ix, double first, double total, double tolerance) {
        assertThat(ix.first()).as(ix.lever() + " S within its CI").isBetween(ix.firstLow(), ix.firstHigh());
        assertThat(ix.total()).as(ix.lever() + " ST within its CI").isBetween(ix.totalLow(), ix.totalHigh());
        assertThat(first).as(ix.lever() + " known S in [" + ix.firstLow() + ", " + ix.firstHigh() + "]")
                .isBetween(ix.firstLow(), ix.firstHigh());
        assertThat(total).as(ix.lever() + " known ST in [" + ix.totalLow() + ", " + ix.totalHigh() + "]")
                .isBetween(ix.totalLow(), ix.totalHigh());
        assertThat(ix.first()).as(ix.lever() + " S").isCloseTo(first, within(tolerance));
        assertThat(ix.total()).as(ix.lever() + " ST").isCloseTo(total, within(tolerance));
    }

    // --- (a) linear in independent levers ---

    static final Scenario THREE_YEARS = Fixtures.flatDeal(3, 4);
    static final CompiledScenario COMPILED_3 = CompiledScenario.compile(THREE_YEARS);
    static final Distribution INVESTMENT_D = new Distribution.Uniform(0, 10_000);
    static final Distribution FIXED_D = new Distribution.Triangular(0, 2_000, 10_000);

    static List<MonteCarlo.Uncertain> linearLevers() {
        return List.of(
                uncertain(COMPILED_3, INVESTMENT, INVESTMENT_D),
                uncertain(COMPILED_3, FIXED, FIXED_D),
                uncertain(COMPILED_3, CUSTOMER_RATE, new Distribution.Uniform(0.05, 0.15)));
    }

    @Test
    void linearResponseSplitsItsVarianceBySquaredSlopeTimesVariance() {
        // slopes of npv from two plain evaluations each (npv is linear in both)
        double base = Plain.metric(THREE_YEARS, Metric.NPV);
        double aI = (Plain.metric(THREE_YEARS, Metric.NPV, INVESTMENT, 10_000) - base) / 10_000;
        double aF = (Plain.metric(THREE_YEARS, Metric.NPV, FIXED, 10_000) - base) / 10_000;
        // by hand: the investment is discounted one quarter, the fixed cost is a quarterly annuity
        assertThat(aI).isCloseTo(-Math.pow(1.1, -0.25), within(1e-9));
        double annuity = 0;
        for (int t = 0; t < 12; t++) annuity += Math.pow(1.1, -(t + 1) / 4.0);
        assertThat(aF).isCloseTo(-annuity / 4, within(1e-9));
        // variances: uniform (b − a)²/12; triangular (a² + b² + c² − ab − ac − bc)/18
        double varI = 10_000.0 * 10_000 / 12;
        double varF = (0 + 2_000.0 * 2_000 + 10_000.0 * 10_000 - 0 - 0 - 2_000.0 * 10_000) / 18;
        double vI = aI * aI * varI;
        double vF = aF * aF * varF;
        double sI = vI / (vI + vF);
        double sF = vF / (vI + vF);
        assertThat(sI).isCloseTo(0.204, within(0.001)); // the two shares are far apart: a real test of the split

        SobolIndices.Result r = SobolIndices.run(COMPILED_3, linearLevers(), List.of(Metric.NPV), 4096, 17, 0.95).get(0);

        assertThat(r.metric()).isEqualTo(Metric.NPV);
        assertThat(r.variance()).isCloseTo(vI + vF, within(0.02 * (vI + vF)));
        Map<String, SobolIndices.Index> ix = byLever(r);
        assertThat(r.indices()).extracting(SobolIndices.Index::lever).containsExactly(INVESTMENT, FIXED, CUSTOMER_RATE);
        // no interactions: S = ST = the share, to 0.02 (4096 Sobol rows; the bootstrap CIs are ±0.01–0.04 wide,
        // so the known value inside the CI is the sharper check)
        assertKnown(ix.get(INVESTMENT), sI, sI, 0.02);
        assertKnown(ix.get(FIXED), sF, sF, 0.02);
        // the customer's cost of capital does not enter npv: A and A_B differ in nothing npv sees
        SobolIndices.Index none = ix.get(CUSTOMER_RATE);
        assertThat(new double[] {none.first(), none.firstLow(), none.firstHigh(), none.total(), none.totalLow(), none.totalHigh()})
                .containsOnly(0.0);
    }

    // --- (b) a product of two independent uniforms ---

    static final Scenario ONE_YEAR = Fixtures.flatDeal(1, 1);
    static final CompiledScenario COMPILED_1 = CompiledScenario.compile(ONE_YEAR);

    static List<MonteCarlo.Uncertain> productLevers() {
        return List.of(
                uncertain(COMPILED_1, VOLUME, new Distribution.Uniform(0, 2_000)),
                uncertain(COMPILED_1, PRICE, new Distribution.Uniform(5, 15)),
                uncertain(COMPILED_1, UNIT_COST, new Distribution.Uniform(4, 8)));
    }

    @Test
    void productOfTwoUniformsHasTheClosedFormFirstAndTotalIndices() {
        // one annual period, no terms: listRevenue = V × P exactly
        assertThat(Plain.metric(Plain.set(ONE_YEAR, VOLUME, 1234, PRICE, 7.5), Metric.LIST_REVENUE))
                .isCloseTo(1234 * 7.5, within(1e-9));
        double eV = 1_000;
        double varV = 2_000.0 * 2_000 / 12;
        double eP = 10;
        double varP = 10.0 * 10 / 12;
        double varY = (varV + eV * eV) * (varP + eP * eP) - eV * eV * eP * eP;
        double sV = varV * eP * eP / varY;               // 0.75
        double sP = varP * eV * eV / varY;               // 0.1875
        double stV = (varY - varP * eV * eV) / varY;     // 0.8125
        double stP = (varY - varV * eP * eP) / varY;     // 0.25
        assertThat(new double[] {sV, sP, stV, stP}).containsExactly(new double[] {0.75, 0.1875, 0.8125, 0.25}, within(1e-12));

        SobolIndices.Result r = SobolIndices.run(COMPILED_1, productLevers(), List.of(Metric.LIST_REVENUE), 8192, 5, 0.95)
                .get(0);

        assertThat(r.variance()).isCloseTo(varY, within(0.02 * varY));
        Map<String, SobolIndices.Index> ix = byLever(r);
        assertKnown(ix.get(VOLUME), sV, stV, 0.02);
        assertKnown(ix.get(PRICE), sP, stP, 0.02);
        // the interaction V × P shows as ST − S = Var(V)Var(P)/Var(y) = 0.0625 for both
        assertThat(ix.get(VOLUME).total() - ix.get(VOLUME).first()).isCloseTo(0.0625, within(0.03));
        assertThat(ix.get(PRICE).total() - ix.get(PRICE).first()).isCloseTo(0.0625, within(0.03));
        // unit cost does not enter list revenue
        SobolIndices.Index none = ix.get(UNIT_COST);
        assertThat(none.first()).isZero();
        assertThat(none.total()).isZero();
    }

    @Test
    void secondOrderIndexOfAProductIsItsInteractionShareAndZeroForALeverWithoutEffect() {
        // y = V P: the interaction alone is Var(V) Var(P) / Var(y) = 0.0625 (the part of ST − S shared by both)
        double varV = 2_000.0 * 2_000 / 12;
        double varP = 10.0 * 10 / 12;
        double varY = (varV + 1_000.0 * 1_000) * (varP + 10.0 * 10) - 1_000.0 * 1_000 * 10 * 10;
        double sVP = varV * varP / varY;
        assertThat(sVP).isCloseTo(0.0625, within(1e-12));

        SobolIndices.Result r = SobolIndices.run(COMPILED_1, productLevers(), List.of(Metric.LIST_REVENUE), 8192, 5,
                0.95, true, 1).get(0);

        // the pairs in request order: (V, P), (V, C), (P, C)
        assertThat(r.pairs()).extracting(p -> p.first() + " × " + p.second())
                .containsExactly(VOLUME + " × " + PRICE, VOLUME + " × " + UNIT_COST, PRICE + " × " + UNIT_COST);
        SobolIndices.Pair vp = r.pairs().get(0);
        assertThat(sVP).as("known S_VP in [" + vp.low() + ", " + vp.high() + "]").isBetween(vp.low(), vp.high());
        assertThat(vp.index()).isCloseTo(sVP, within(0.02));
        for (SobolIndices.Pair none : r.pairs().subList(1, 3)) {
            assertThat(0.0).as(none.first() + " × " + none.second() + " CI holds 0").isBetween(none.low(), none.high());
            assertThat(none.index()).isCloseTo(0, within(0.02));
        }
        // first and total indices are those of the plain run: the extra matrices change nothing else
        SobolIndices.Result plain = SobolIndices.run(COMPILED_1, productLevers(), List.of(Metric.LIST_REVENUE), 8192, 5, 0.95)
                .get(0);
        assertThat(r.indices()).isEqualTo(plain.indices());
        assertThat(plain.pairs()).isEmpty();
        assertThat(SobolIndices.evaluations(8192, 3, true)).isEqualTo(8192L * 8);
    }

    // --- (c) reproducibility ---

    @Test
    void sameSeedGivesTheSameIndicesAndAnotherSeedOthers() {
        List<Metric> metrics = List.of(Metric.LIST_REVENUE, Metric.NPV);
        List<SobolIndices.Result> a = SobolIndices.run(COMPILED_1, productLevers(), metrics, 1024, 99, 0.9);
        List<SobolIndices.Result> b = SobolIndices.run(COMPILED_1, productLevers(), metrics, 1024, 99, 0.9);
        List<SobolIndices.Result> c = SobolIndices.run(COMPILED_1, productLevers(), metrics, 1024, 100, 0.9);
        // records of doubles compare with Double.compare: every index and bound bit for bit
        assertThat(a).extracting(SobolIndices.Result::metric).containsExactlyElementsOf(metrics);
        assertThat(b).isEqualTo(a);
        assertThat(c.get(0).indices().get(0).first()).isNotEqualTo(a.get(0).indices().get(0).first());
        assertThat(c.get(0).variance()).isNotEqualTo(a.get(0).variance());
    }

    // --- (d) the intervals' coverage ---

    /**
     * A nominal 95 % interval must hold the true index in about 95 % of runs. Over 200 seeds, the four intervals of
     * y = V P (S and ST of each lever, known in closed form above) at n = 256: 800 intervals. If each held the truth
     * with probability 0.95 independently, the share would lie within 0.95 ± 0.023 (three standard deviations);
     * the band allows for the four intervals of one run not being independent. The row bootstrap this replaced held
     * it 99–100 % of the time, intervals some three times too wide.
     */
    @Test
    void ninetyFivePercentIntervalsHoldTheTrueIndexInAboutNinetyFivePercentOfRuns() {
        double[] known = {0.75, 0.8125, 0.1875, 0.25}; // S_V, ST_V, S_P, ST_P
        List<MonteCarlo.Uncertain> levers = productLevers().subList(0, 2);
        int held = 0;
        int intervals = 0;
        for (long seed = 1; seed <= 200; seed++) {
            SobolIndices.Result r = SobolIndices.run(COMPILED_1, levers, List.of(Metric.LIST_REVENUE), 256, seed, 0.95)
                    .get(0);
            SobolIndices.Index v = r.indices().get(0);
            SobolIndices.Index p = r.indices().get(1);
            double[][] bounds = {{v.firstLow(), v.firstHigh()}, {v.totalLow(), v.totalHigh()},
                {p.firstLow(), p.firstHigh()}, {p.totalLow(), p.totalHigh()}};
            for (int i = 0; i < known.length; i++) {
                intervals++;
                if (bounds[i][0] <= known[i] && known[i] <= bounds[i][1]) held++;
            }
        }
        assertThat((double) held / intervals).as(held + " of " + intervals + " intervals hold the truth")
                .isBetween(0.91, 0.985);
    }

    @Test
    void aRunIsTheSameForASeedOnOneAndTwoThreads() {
        List<SobolIndices.Result> one = SobolIndices.run(COMPILED_1, productLevers(), List.of(Metric.LIST_REVENUE),
                1024, 7, 0.95, true, 1);
        List<SobolIndices.Result> two = SobolIndices.run(COMPILED_1, productLevers(), List.of(Metric.LIST_REVENUE),
                1024, 7, 0.95, true, 2);
        assertThat(two).isEqualTo(one);
        assertThat(SobolIndices.run(COMPILED_1, productLevers(), List.of(Metric.LIST_REVENUE), 1024, 7, 0.95, true, 1))
                .isEqualTo(one);
    }
}
