package io.parley.analysis;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.parley.Fixtures;
import io.parley.engine.CompiledScenario;
import io.parley.engine.Metric;
import io.parley.engine.Work;
import io.parley.model.Scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Monte Carlo against known answers on the flat deal (1000 units a year at 10 costing 6, 10 % cost of
 * capital, no terms): the mean of a metric linear in its levers is the metric at the levers' means,
 * percentiles of a metric driven by one monotone lever are that lever's quantiles mapped through the
 * engine, results do not depend on the thread count, shards of a stream are the run's samples, and
 * the rank correlation asked for is the one sampled.
 */
class MonteCarloTest {

    static final Scenario DEAL = Fixtures.flatDeal(3, 4);
    static final CompiledScenario COMPILED = CompiledScenario.compile(DEAL);

    static final String VOLUME = "products[widgets].baseVolume";
    static final String PRICE = "products[widgets].listPrice";
    static final String UNIT_COST = "products[widgets].unitCost";
    static final String FIXED = "costToServe.fixedPerYear";
    static final String INVESTMENT = "terms.upfrontInvestment";
    /** The customer's cost of capital: it moves customerNpv but has no effect on the supplier's npv. */
    static final String CUSTOMER_RATE = "customer.costOfCapital";

    static MonteCarlo.Uncertain uncertain(String path, Distribution d) {
        return new MonteCarlo.Uncertain(BoundLever.bind(COMPILED, path), d);
    }

    static MonteCarlo.Config config(long samples, Sampling.Method method, long seed, int threads) {
        return new MonteCarlo.Config(samples, method, seed, threads, null, null, MonteCarlo.DEFAULT_PERCENTILES,
                List.of(), MonteCarlo.DEFAULT_HISTOGRAM_BINS);
    }

    static MonteCarlo.Config with(MonteCarlo.Config c, RankCorrelation correlation) {
        return new MonteCarlo.Config(c.samples(), c.method(), c.seed(), c.threads(), correlation, c.precision(),
                c.percentiles(), c.thresholds(), c.histogramBins());
    }

    static MonteCarlo.Config with(MonteCarlo.Config c, MonteCarlo.Precision precision) {
        return new MonteCarlo.Config(c.samples(), c.method(), c.seed(), c.threads(), c.correlation(), precision,
                c.percentiles(), c.thresholds(), c.histogramBins());
    }

    static MonteCarlo.Config with(MonteCarlo.Config c, double[] percentiles, List<MonteCarlo.Threshold> thresholds) {
        return new MonteCarlo.Config(c.samples(), c.method(), c.seed(), c.threads(), c.correlation(), c.precision(),
                percentiles, thresholds, c.histogramBins());
    }

    record Row(long index, double[] levers, double[] metrics) {
    }

    static List<Row> stream(List<MonteCarlo.Uncertain> levers, List<Metric> metrics, MonteCarlo.Config config,
                            long from, long to) {
        List<Row> rows = new ArrayList<>();
        try {
            MonteCarlo.stream(COMPILED, levers, metrics, config, from, to,
                    (index, values, out) -> rows.add(new Row(index, values.clone(), out.clone())));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return rows;
    }

    static double[] column(List<Row> rows, boolean lever, int i) {
        return rows.stream().mapToDouble(r -> lever ? r.levers()[i] : r.metrics()[i]).toArray();
    }

    /** Every number of two results equal (doubles bit for bit, as Double.equals: NaN equals NaN). */
    static void assertSameResult(MonteCarlo.Result actual, MonteCarlo.Result expected) {
        assertThat(actual.samples()).isEqualTo(expected.samples());
        assertThat(actual.stoppedByPrecision()).isEqualTo(expected.stoppedByPrecision());
        assertThat(actual.metrics()).hasSameSizeAs(expected.metrics());
        for (int m = 0; m < expected.metrics().size(); m++) {
            MonteCarlo.Summary a = actual.metrics().get(m);
            MonteCarlo.Summary e = expected.metrics().get(m);
            String what = e.metric().apiName;
            assertThat(a.metric()).isEqualTo(e.metric());
            assertThat(a.count()).as(what + " count").isEqualTo(e.count());
            assertThat(a.nulls()).as(what + " nulls").isEqualTo(e.nulls());
            assertThat(new double[] {a.mean(), a.sd(), a.standardError(), a.min(), a.max()}).as(what + " moments")
                    .containsExactly(e.mean(), e.sd(), e.standardError(), e.min(), e.max());
            assertThat(a.percentiles()).as(what + " percentiles").containsExactly(e.percentiles());
            assertThat(a.probabilities()).as(what + " probabilities").containsExactly(e.probabilities());
            assertThat(a.histogram().edges()).as(what + " histogram edges").containsExactly(e.histogram().edges());
            assertThat(a.histogram().counts()).as(what + " histogram counts").containsExactly(e.histogram().counts());
            // records compare double components with Double.compare: bit for bit
            assertThat(a.contributions()).as(what + " contributions").isEqualTo(e.contributions());
            assertThat(new double[] {a.skewness(), a.excessKurtosis()}).as(what + " shape")
                    .containsExactly(e.skewness(), e.excessKurtosis());
            assertThat(a.tailRisks()).as(what + " tail risks").isEqualTo(e.tailRisks());
            assertThat(a.percentileIntervals()).as(what + " percentile intervals").isEqualTo(e.percentileIntervals());
            assertThat(a.probabilityIntervals()).as(what + " probability intervals").isEqualTo(e.probabilityIntervals());
            assertThat(a.meanChanges()).as(what + " changes in the mean").isEqualTo(e.meanChanges());
        }
    }

    static MonteCarlo.Summary summary(MonteCarlo.Result r, Metric m) {
        return r.metrics().stream().filter(s -> s.metric() == m).findFirst().orElseThrow();
    }

    /** Four levers npv is linear in (volume held): price, unit cost, fixed cost to serve, investment. */
    static List<MonteCarlo.Uncertain> linearLevers() {
        return List.of(
                uncertain(PRICE, new Distribution.Normal(10, 1)),
                uncertain(UNIT_COST, new Distribution.Triangular(5, 6, 8)),
                uncertain(FIXED, new Distribution.Uniform(0, 2000)),
                uncertain(INVESTMENT, new Distribution.LogNormal(3000, 1000)));
    }

    // --- the mean of a linear response ---

    @ParameterizedTest
    @EnumSource(Sampling.Method.class)
    void meanOfALinearResponseIsTheResponseAtTheLeversMeansWithinFourStandardErrors(Sampling.Method method) {
        List<MonteCarlo.Uncertain> levers = linearLevers();
        Scenario atMeans = DEAL;
        for (MonteCarlo.Uncertain u : levers) atMeans = Plain.set(atMeans, u.lever().path(), u.distribution().mean());
        double[] f = Plain.summary(atMeans);

        MonteCarlo.Result r = MonteCarlo.run(COMPILED, levers, List.of(Metric.NPV, Metric.NET_REVENUE),
                config(20_000, method, 42, 2));

        assertThat(r.samples()).isEqualTo(20_000);
        for (Metric m : List.of(Metric.NPV, Metric.NET_REVENUE)) {
            MonteCarlo.Summary s = summary(r, m);
            assertThat(s.count()).isEqualTo(20_000);
            assertThat(s.nulls()).isZero();
            assertThat(s.standardError()).isCloseTo(s.sd() / Math.sqrt(20_000), within(1e-12 * s.sd()));
            assertThat(s.standardError()).as("a real spread").isPositive();
            assertThat(Math.abs(s.mean() - f[m.ordinal()])).as(method + " " + m + ": |mean − f(means)|")
                    .isLessThanOrEqualTo(4 * s.standardError());
        }
    }

    /**
     * Latin hypercube with one uniform lever: sample i lies in stratum π(i), at (π(i) + r_i)/n with r_i
     * uniform, so the mean of the u's is 1/2 + (mean(r) − 1/2)/n, whose sd is 1/(n √(12 n)). For cogs
     * (linear in unit cost) that is the iid standard error divided by n: four of those is the bound.
     */
    @Test
    void latinHypercubeMeanOfOneUniformLeverIsExactToTheStandardErrorOverN() {
        int n = 10_000;
        List<MonteCarlo.Uncertain> levers = List.of(uncertain(UNIT_COST, new Distribution.Uniform(4, 8)));
        MonteCarlo.Summary s = MonteCarlo.run(COMPILED, levers, List.of(Metric.COGS),
                config(n, Sampling.Method.LATIN_HYPERCUBE, 7, 2)).metrics().get(0);
        double atMean = Plain.metric(DEAL, Metric.COGS, UNIT_COST, 6);
        assertThat(atMean).isCloseTo(3 * 1000 * 6, within(1e-9));
        // sd of cogs = 3000 × 4 / √12; the run's own sd agrees to well under 1 %
        assertThat(s.sd()).isCloseTo(3000 * 4 / Math.sqrt(12), within(0.01 * 3000 * 4 / Math.sqrt(12)));
        assertThat(Math.abs(s.mean() - atMean)).isLessThanOrEqualTo(4 * s.standardError() / n);
        // and the extremes are the ends of the range to within one stratum
        assertThat(s.min()).isBetween(3000 * 4.0 - 1e-9, 3000 * (4 + 4.0 / n));
        assertThat(s.max()).isBetween(3000 * (8 - 4.0 / n), 3000 * 8.0 + 1e-9);
    }

    // --- percentiles of a metric driven by one monotone lever ---

    /**
     * With a Latin hypercube of n samples exactly one u lies in each stratum [i/n, (i+1)/n), so the i-th
     * smallest u is in stratum i, and the type-7 percentile at h = (n−1)p interpolates between the u's of
     * strata floor(h) and floor(h)+1: within [p − 2/n, p + 2/n]. A monotone f∘Q keeps that order, so the
     * percentile lies between the plain evaluations at Q(p − 2/n) and Q(p + 2/n) — a bound, not a
     * probability. With n = 100,000 that bracket is 4e-5 of the u range.
     */
    @Test
    void latinHypercubePercentilesOfOneIncreasingLeverAreItsQuantilesThroughTheEngine() {
        int n = 100_000;
        double[] ps = {0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99};
        Distribution volume = new Distribution.LogNormal(1000, 300);
        MonteCarlo.Config c = with(config(n, Sampling.Method.LATIN_HYPERCUBE, 11, 2), ps, List.of());
        MonteCarlo.Summary s = MonteCarlo.run(COMPILED, List.of(uncertain(VOLUME, volume)), List.of(Metric.NET_REVENUE), c)
                .metrics().get(0);
        for (int i = 0; i < ps.length; i++) {
            double p = ps[i];
            double lo = Plain.metric(DEAL, Metric.NET_REVENUE, VOLUME, volume.quantile(p - 2.0 / n));
            double hi = Plain.metric(DEAL, Metric.NET_REVENUE, VOLUME, volume.quantile(p + 2.0 / n));
            double at = Plain.metric(DEAL, Metric.NET_REVENUE, VOLUME, volume.quantile(p));
            assertThat(s.percentiles()[i]).as("P%s of netRevenue vs f(Q(p)) = %s", p, at)
                    .isBetween(lo * (1 - 1e-12), hi * (1 + 1e-12));
        }
        // netRevenue = 3 years × volume × 10: the median is 30 × exp(μ) of the lognormal
        assertThat(s.percentiles()[3]).isCloseTo(30 * volume.quantile(0.5), within(30 * 1000 * 1e-4));
    }

    /** The same with a decreasing response (npv falls as unit cost rises): P_p(npv) = f(Q(1 − p)). */
    @Test
    void latinHypercubePercentilesOfOneDecreasingLeverAreItsUpperQuantilesThroughTheEngine() {
        int n = 100_000;
        double[] ps = {0.05, 0.1, 0.5, 0.9, 0.95};
        Distribution cost = new Distribution.Triangular(5, 6, 8);
        MonteCarlo.Config c = with(config(n, Sampling.Method.LATIN_HYPERCUBE, 12, 2), ps, List.of());
        MonteCarlo.Summary s = MonteCarlo.run(COMPILED, List.of(uncertain(UNIT_COST, cost)), List.of(Metric.NPV), c)
                .metrics().get(0);
        for (int i = 0; i < ps.length; i++) {
            double p = ps[i];
            double lo = Plain.metric(DEAL, Metric.NPV, UNIT_COST, cost.quantile(1 - p + 2.0 / n));
            double hi = Plain.metric(DEAL, Metric.NPV, UNIT_COST, cost.quantile(1 - p - 2.0 / n));
            assertThat(s.percentiles()[i]).as("P%s of npv", p).isBetween(lo - 1e-9 * Math.abs(lo), hi + 1e-9 * Math.abs(hi));
        }
    }

    /**
     * Plain random sampling: the sample p-quantile of n uniforms has sd √(p(1−p)/n); five of those in u,
     * mapped through the lever and the engine, is the bracket.
     */
    @Test
    void randomSamplingPercentilesAreTheLeversQuantilesWithinFiveSamplingSds() {
        int n = 20_000;
        Distribution volume = new Distribution.Normal(1000, 100);
        MonteCarlo.Summary s = MonteCarlo.run(COMPILED, List.of(uncertain(VOLUME, volume)), List.of(Metric.NET_REVENUE),
                config(n, Sampling.Method.RANDOM, 5, 2)).metrics().get(0);
        for (int i = 0; i < MonteCarlo.DEFAULT_PERCENTILES.length; i++) {
            double p = MonteCarlo.DEFAULT_PERCENTILES[i];
            double du = 5 * Math.sqrt(p * (1 - p) / n);
            double lo = Plain.metric(DEAL, Metric.NET_REVENUE, VOLUME, volume.quantile(p - du));
            double hi = Plain.metric(DEAL, Metric.NET_REVENUE, VOLUME, volume.quantile(p + du));
            assertThat(s.percentiles()[i]).as("P%s", p).isBetween(lo, hi);
        }
    }

    // --- reproducibility ---

    @ParameterizedTest
    @EnumSource(Sampling.Method.class)
    void sameSeedGivesEveryNumberIdenticallyWithOneAndTwoThreads(Sampling.Method method) {
        List<MonteCarlo.Uncertain> levers = List.of(
                uncertain(VOLUME, new Distribution.LogNormal(1000, 200)),
                uncertain(PRICE, new Distribution.Triangular(9, 10, 12)),
                uncertain(UNIT_COST, new Distribution.Normal(6, 0.5)));
        List<Metric> metrics = List.of(Metric.NPV, Metric.GROSS_MARGIN_PCT, Metric.LIST_REVENUE);
        // 20,000 samples: two full blocks and a partial one, so two threads really share the work
        MonteCarlo.Config base = with(config(20_000, method, 2024, 1), new double[] {0.05, 0.5, 0.95},
                List.of(new MonteCarlo.Threshold(Metric.NPV, true, 9_000), new MonteCarlo.Threshold(Metric.NPV, false, 12_000)));
        MonteCarlo.Config correlated = with(base, RankCorrelation.of(new double[][] {{1, 0.5, 0}, {0.5, 1, -0.3}, {0, -0.3, 1}}));
        for (MonteCarlo.Config one : List.of(base, correlated)) {
            MonteCarlo.Config two = new MonteCarlo.Config(one.samples(), method, one.seed(), 2, one.correlation(), null,
                    one.percentiles(), one.thresholds(), one.histogramBins());
            MonteCarlo.Result a = MonteCarlo.run(COMPILED, levers, metrics, one);
            MonteCarlo.Result b = MonteCarlo.run(COMPILED, levers, metrics, two);
            assertSameResult(b, a);
            // a non-trivial result: spread, three contributions, probabilities strictly inside (0, 1)
            MonteCarlo.Summary npv = summary(a, Metric.NPV);
            assertThat(npv.sd()).isPositive();
            assertThat(npv.contributions()).hasSize(3);
            for (double q : npv.probabilities()) assertThat(q).isStrictlyBetween(0.0, 1.0);
            // a second run with one thread is the same too
            assertSameResult(MonteCarlo.run(COMPILED, levers, metrics, one), a);

            MonteCarlo.Config otherSeed = new MonteCarlo.Config(one.samples(), method, 2025, 2, one.correlation(), null,
                    one.percentiles(), one.thresholds(), one.histogramBins());
            MonteCarlo.Result c = MonteCarlo.run(COMPILED, levers, metrics, otherSeed);
            assertThat(summary(c, Metric.NPV).mean()).isNotEqualTo(npv.mean());
            List<Row> first = stream(levers, metrics, one, 0, 50);
            List<Row> other = stream(levers, metrics, otherSeed, 0, 50);
            for (int i = 0; i < first.size(); i++) {
                for (int l = 0; l < levers.size(); l++) {
                    assertThat(other.get(i).levers()[l]).as("sample %s lever %s", i, l).isNotEqualTo(first.get(i).levers()[l]);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Sampling.Method.class)
    void aRunLargeEnoughToSortAndSumInParallelIsTheSameWithOneAndTwoThreads(Sampling.Method method) {
        // 100,000 samples: past the size where the metric's sort is split over the threads and merged,
        // thirteen blocks of sums of products; a Latin hypercube's levers ranked by their strata
        List<MonteCarlo.Uncertain> levers = List.of(
                uncertain(VOLUME, new Distribution.Normal(1000, 150)),
                uncertain(PRICE, new Distribution.Triangular(9, 10, 12)),
                uncertain(UNIT_COST, new Distribution.Discrete(new double[] {5.5, 6, 6.5}, new double[] {0.25, 0.5, 0.25})));
        List<Metric> metrics = List.of(Metric.NPV, Metric.GROSS_MARGIN_PCT);
        MonteCarlo.Config one = config(100_000, method, 11, 1);
        MonteCarlo.Result a = MonteCarlo.run(COMPILED, levers, metrics, one);
        MonteCarlo.Result b = MonteCarlo.run(COMPILED, levers, metrics, config(100_000, method, 11, 2));
        assertSameResult(b, a);
        // the discrete lever's three values tie: three bins of its change in the mean hold samples
        MonteCarlo.MeanChange cost = summary(a, Metric.NPV).meanChanges().stream()
                .filter(m -> m.lever().equals(UNIT_COST)).findFirst().orElseThrow();
        assertThat(Arrays.stream(cost.binMeans()).filter(m -> !Double.isNaN(m)).count()).isEqualTo(3);
    }

    // --- streaming ---

    @ParameterizedTest
    @EnumSource(Sampling.Method.class)
    void shardsOfTheStreamAreTheWholeStreamAndTheSamplesOfTheRun(Sampling.Method method) {
        int n = 20_000; // three blocks, the last one partial
        List<MonteCarlo.Uncertain> levers = List.of(
                uncertain(VOLUME, new Distribution.Uniform(500, 1500)),
                uncertain(UNIT_COST, new Distribution.Triangular(5, 6, 8)));
        List<Metric> metrics = List.of(Metric.NPV, Metric.COGS);
        MonteCarlo.Config c = with(config(n, method, 99, 2), RankCorrelation.of(new double[][] {{1, 0.4}, {0.4, 1}}));

        List<Row> whole = stream(levers, metrics, c, 0, n);
        List<Row> shards = new ArrayList<>();
        long[] cuts = {0, 5_000, 8_192, 12_345, 16_384, 19_999, n};
        for (int k = 0; k + 1 < cuts.length; k++) shards.addAll(stream(levers, metrics, c, cuts[k], cuts[k + 1]));
        assertThat(whole).hasSize(n);
        assertThat(shards).hasSize(n);
        for (int i = 0; i < n; i++) {
            Row a = whole.get(i);
            Row b = shards.get(i);
            if (a.index() != i || b.index() != i || !Arrays.equals(a.levers(), b.levers()) || !Arrays.equals(a.metrics(), b.metrics())) {
                throw new AssertionError("sample " + i + ": whole " + a + " vs shards " + b);
            }
        }

        // every streamed sample is a plain evaluation of the scenario at its lever values
        for (int i : new int[] {0, 8191, 8192, 19_999}) {
            Row row = whole.get(i);
            Scenario s = Plain.set(DEAL, VOLUME, row.levers()[0], UNIT_COST, row.levers()[1]);
            assertThat(row.metrics()[0]).isCloseTo(Plain.metric(s, Metric.NPV), Plain.close(row.metrics()[0]));
            assertThat(row.metrics()[1]).isCloseTo(Plain.metric(s, Metric.COGS), Plain.close(row.metrics()[1]));
        }

        MonteCarlo.Result r = MonteCarlo.run(COMPILED, levers, metrics, c);
        for (int m = 0; m < metrics.size(); m++) {
            double[] values = column(whole, false, m);
            double[] moments = MonteCarlo.moments(values, n);
            MonteCarlo.Summary s = r.metrics().get(m);
            assertThat(s.mean()).as("mean of " + metrics.get(m)).isEqualTo(moments[1]);
            assertThat(s.sd()).isEqualTo(Math.sqrt(moments[2]));
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            assertThat(s.min()).isEqualTo(sorted[0]);
            assertThat(s.max()).isEqualTo(sorted[n - 1]);
            for (int p = 0; p < c.percentiles().length; p++) {
                // type 7 by hand: h = (n − 1) p, linear between the order statistics around h
                double h = (n - 1) * c.percentiles()[p];
                int lo = (int) Math.floor(h);
                double want = sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
                assertThat(s.percentiles()[p]).isEqualTo(want);
            }
        }
    }

    // --- stopping at a precision target ---

    @Test
    void aPrecisionTargetMetEarlyStopsAfterTheFirstRound() {
        List<MonteCarlo.Uncertain> levers = List.of(uncertain(VOLUME, new Distribution.Normal(1000, 100)));
        double target = 0.01;
        MonteCarlo.Config c = with(config(400_000, Sampling.Method.RANDOM, 3, 2),
                new MonteCarlo.Precision(Metric.NET_REVENUE, target, 0.95));
        MonteCarlo.Result r = MonteCarlo.run(COMPILED, levers, List.of(Metric.NET_REVENUE), c);

        // a coefficient of variation of 0.1 gives a 95 % half-width of 1.96 × 0.1 / √131072 = 0.05 % after one round
        int round = MonteCarlo.BLOCKS_PER_ROUND * Sampling.BLOCK;
        assertThat(r.stoppedByPrecision()).isTrue();
        assertThat(r.samples()).isEqualTo(round).isLessThan(400_000);
        MonteCarlo.Summary s = r.metrics().get(0);
        assertThat(s.count()).isEqualTo(round);
        double z = 1.959963984540054;
        assertThat(z * s.standardError()).isLessThanOrEqualTo(target * Math.abs(s.mean()));
        // the statistics are those of the first samples of the full run
        double[] first = column(stream(levers, List.of(Metric.NET_REVENUE), c, 0, round), false, 0);
        assertThat(s.mean()).isEqualTo(MonteCarlo.moments(first, round)[1]);
    }

    @Test
    void anImpossiblePrecisionTargetRunsEverySample() {
        List<MonteCarlo.Uncertain> levers = List.of(uncertain(VOLUME, new Distribution.Normal(1000, 100)));
        MonteCarlo.Config c = with(config(20_000, Sampling.Method.RANDOM, 3, 2),
                new MonteCarlo.Precision(Metric.NET_REVENUE, 1e-9, 0.95));
        MonteCarlo.Result r = MonteCarlo.run(COMPILED, levers, List.of(Metric.NET_REVENUE), c);
        assertThat(r.stoppedByPrecision()).isFalse();
        assertThat(r.samples()).isEqualTo(20_000);
        assertThat(r.metrics().get(0).count()).isEqualTo(20_000);
        // and the result is the run without a target
        assertSameResult(MonteCarlo.run(COMPILED, levers, List.of(Metric.NET_REVENUE), config(20_000, Sampling.Method.RANDOM, 3, 2)), r);
    }

    // --- thresholds, histogram, contributions ---

    @Test
    void thresholdProbabilitiesAreTheFractionsOfStreamedSamplesStrictlyBelowOrAbove() {
        int n = 20_000;
        // volume takes three values, so netRevenue has ties; unit cost moves npv but not netRevenue
        List<MonteCarlo.Uncertain> levers = List.of(
                uncertain(VOLUME, new Distribution.Discrete(new double[] {800, 1000, 1200}, new double[] {0.3, 0.4, 0.3})),
                uncertain(UNIT_COST, new Distribution.Uniform(5, 7)));
        List<Metric> metrics = List.of(Metric.NET_REVENUE, Metric.NPV);
        MonteCarlo.Config plain = config(n, Sampling.Method.RANDOM, 17, 2);
        List<Row> rows = stream(levers, metrics, plain, 0, n);
        double tie = rows.stream().filter(r -> r.levers()[0] == 1000).findFirst().orElseThrow().metrics()[0];
        assertThat(tie).isCloseTo(3 * 1000 * 10, within(1e-9));
        double npvCut = Plain.metric(Plain.set(DEAL, VOLUME, 1000, UNIT_COST, 6.5), Metric.NPV);
        List<MonteCarlo.Threshold> thresholds = List.of(
                new MonteCarlo.Threshold(Metric.NET_REVENUE, true, tie),
                new MonteCarlo.Threshold(Metric.NET_REVENUE, false, tie),
                new MonteCarlo.Threshold(Metric.NPV, true, npvCut),
                new MonteCarlo.Threshold(Metric.NPV, false, npvCut));
        MonteCarlo.Result r = MonteCarlo.run(COMPILED, levers, metrics, with(plain, MonteCarlo.DEFAULT_PERCENTILES, thresholds));

        double[] nr = column(rows, false, 0);
        double[] npv = column(rows, false, 1);
        MonteCarlo.Summary nrSummary = summary(r, Metric.NET_REVENUE);
        MonteCarlo.Summary npvSummary = summary(r, Metric.NPV);
        assertThat(nrSummary.probabilities()).containsExactly(
                fraction(nr, v -> v < tie), fraction(nr, v -> v > tie));
        assertThat(npvSummary.probabilities()).containsExactly(
                fraction(npv, v -> v < npvCut), fraction(npv, v -> v > npvCut));
        // the ties at 1000 units count neither below nor above: P(below) ≈ 0.3, P(above) ≈ 0.3
        double sd = Math.sqrt(0.3 * 0.7 / n);
        assertThat(nrSummary.probabilities()[0]).isCloseTo(0.3, within(5 * sd));
        assertThat(nrSummary.probabilities()[1]).isCloseTo(0.3, within(5 * sd));

        // histogram: 20 bins from min to max, counts summing to the count, each the samples in its bin
        for (MonteCarlo.Summary s : List.of(nrSummary, npvSummary)) {
            MonteCarlo.Histogram h = s.histogram();
            assertThat(h.counts()).hasSize(MonteCarlo.DEFAULT_HISTOGRAM_BINS);
            assertThat(h.edges()).hasSize(MonteCarlo.DEFAULT_HISTOGRAM_BINS + 1);
            assertThat(h.edges()[0]).isEqualTo(s.min());
            assertThat(h.edges()[MonteCarlo.DEFAULT_HISTOGRAM_BINS]).isEqualTo(s.max());
            assertThat(Arrays.stream(h.counts()).sum()).isEqualTo(s.count());
        }
        MonteCarlo.Histogram h = npvSummary.histogram();
        for (int b = 0; b < h.counts().length; b++) {
            double lo = h.edges()[b];
            double hi = h.edges()[b + 1];
            boolean last = b == h.counts().length - 1;
            long want = Arrays.stream(npv).filter(v -> v >= lo && (last ? v <= hi : v < hi)).count();
            assertThat(h.counts()[b]).as("bin " + b).isEqualTo(want);
        }
        // netRevenue takes three values 24000, 30000, 36000: bins 0, 10 and 19 (the max closes the last bin)
        long[] nrCounts = nrSummary.histogram().counts();
        assertThat(nrCounts[0] + nrCounts[10] + nrCounts[19]).isEqualTo(n);
        assertThat(nrCounts[0]).isEqualTo(Arrays.stream(nr).filter(v -> v < tie).count());
        assertThat(nrCounts[19]).isEqualTo(Arrays.stream(nr).filter(v -> v > tie).count());
    }

    static double fraction(double[] values, java.util.function.DoublePredicate p) {
        return Arrays.stream(values).filter(p).count() / (double) values.length;
    }

    /**
     * npv is exactly linear in unit cost and fixed cost to serve (volume held), so the regression fits
     * exactly: the coefficient of each lever is its slope a_i (from two plain evaluations), the standardised
     * coefficient a_i × sd(x_i) / sd(npv) over the sampled values, and a lever with no effect gets 0.
     */
    @Test
    void contributionsAreTheStandardisedSlopesDominantFirstAndANoEffectLeverLastAtZero() {
        int n = 20_000;
        List<MonteCarlo.Uncertain> levers = List.of(
                uncertain(CUSTOMER_RATE, new Distribution.Uniform(0.05, 0.15)),
                uncertain(FIXED, new Distribution.Uniform(0, 1000)),
                uncertain(UNIT_COST, new Distribution.Uniform(5, 7)));
        MonteCarlo.Config c = config(n, Sampling.Method.RANDOM, 31, 2);
        MonteCarlo.Summary s = MonteCarlo.run(COMPILED, levers, List.of(Metric.NPV), c).metrics().get(0);
        List<Row> rows = stream(levers, List.of(Metric.NPV), c, 0, n);
        double[] y = column(rows, false, 0);

        assertThat(s.contributions()).extracting(MonteCarlo.Contribution::lever)
                .containsExactly(UNIT_COST, FIXED, CUSTOMER_RATE);
        double base = Plain.metric(DEAL, Metric.NPV);
        double[] slopes = {
                (Plain.metric(DEAL, Metric.NPV, CUSTOMER_RATE, 0.2) - base) / (0.2 - 0.1),
                (Plain.metric(DEAL, Metric.NPV, FIXED, 1000) - base) / 1000,
                (Plain.metric(DEAL, Metric.NPV, UNIT_COST, 7) - base) / (7 - 6)};
        assertThat(slopes[0]).isZero();
        // by hand: 1000 units a year, quarterly, end-of-quarter discounting at 10 %: a = −250 Σ 1.1^(−(t+1)/4)
        double annuity = 0;
        for (int t = 0; t < 12; t++) annuity += Math.pow(1.1, -(t + 1) / 4.0);
        assertThat(slopes[2]).isCloseTo(-250 * annuity, within(1e-6));
        assertThat(slopes[1]).isCloseTo(-annuity / 4, within(1e-9));

        double sdY = sd(y);
        for (MonteCarlo.Contribution k : s.contributions()) {
            int l = List.of(CUSTOMER_RATE, FIXED, UNIT_COST).indexOf(k.lever());
            double[] x = column(rows, true, l);
            double want = slopes[l] * sd(x) / sdY;
            assertThat(k.standardisedCoefficient()).as(k.lever()).isCloseTo(want, within(1e-6 * Math.abs(want) + 1e-9));
            assertThat(k.correlation()).as(k.lever()).isCloseTo(pearson(x, y), within(1e-9));
        }
        assertThat(s.contributions().get(2).standardisedCoefficient()).isCloseTo(0, within(1e-9));
        // R² = 1: the squared standardised coefficients of independent levers add up to about 1
        double sum = s.contributions().stream().mapToDouble(k -> k.standardisedCoefficient() * k.standardisedCoefficient()).sum();
        assertThat(sum).isCloseTo(1, within(0.03));
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) s += v;
        return s / x.length;
    }

    static double sd(double[] x) {
        double m = mean(x);
        double s = 0;
        for (double v : x) s += (v - m) * (v - m);
        return Math.sqrt(s / (x.length - 1));
    }

    static double pearson(double[] x, double[] y) {
        double mx = mean(x);
        double my = mean(y);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    /** Ranks 0 … n−1 (continuous values: no ties). */
    static double[] ranks(double[] x) {
        Integer[] order = new Integer[x.length];
        for (int i = 0; i < x.length; i++) order[i] = i;
        Arrays.sort(order, (a, b) -> Double.compare(x[a], x[b]));
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) r[order[i]] = i;
        return r;
    }

    static double spearman(double[] x, double[] y) {
        return pearson(ranks(x), ranks(y));
    }

    // --- rank correlation ---

    // --- shape, tail risk and rank correlation ---

    static final int SHAPE_SAMPLES = 100_000;

    /**
     * npv is linear and increasing in the price (volume held), so with a normal price npv is normal with
     * μ = f(10) and σ = f(11) − f(10): skewness 0 and excess kurtosis 0 (sampling sds √(6/n) and √(24/n)),
     * and CVaR_p = μ − σ φ(z_p)/p, the mean of a normal truncated above at its p-quantile.
     * CVaR's sampling sd is √((Var(Y | Y ≤ VaR) + (1 − p)(VaR − CVaR)²) / (n p)), with the truncated
     * normal's variance σ²(1 − z_p φ(z_p)/p − (φ(z_p)/p)²); five of those are the bound.
     */
    @Test
    void aNormalLeverThroughALinearMetricHasNoSkewNoExcessKurtosisAndTheNormalsCVaR() {
        int n = SHAPE_SAMPLES;
        double[] levels = {0.01, 0.05, 0.10};
        MonteCarlo.Config c = with(config(n, Sampling.Method.RANDOM, 7, 2), levels, List.of());
        MonteCarlo.Summary s = MonteCarlo.run(COMPILED, List.of(uncertain(PRICE, new Distribution.Normal(10, 1))),
                List.of(Metric.NPV), c).metrics().get(0);
        double mu = Plain.metric(DEAL, Metric.NPV, PRICE, 10);
        double sigma = Plain.metric(DEAL, Metric.NPV, PRICE, 11) - mu;
        assertThat(sigma).as("npv rises with the price").isPositive();

        assertThat(s.skewness()).isCloseTo(0, within(5 * Math.sqrt(6.0 / n)));
        assertThat(s.excessKurtosis()).isCloseTo(0, within(5 * Math.sqrt(24.0 / n)));
        assertThat(s.tailRisks()).hasSize(levels.length);
        for (int i = 0; i < levels.length; i++) {
            double p = levels[i];
            MonteCarlo.TailRisk t = s.tailRisks().get(i);
            double z = Distribution.STANDARD.inverseCumulativeProbability(p);
            double tail = Distribution.STANDARD.density(z) / p;
            double cvar = mu - sigma * tail;
            double tailVariance = sigma * sigma * (1 - z * tail - tail * tail);
            double gap = sigma * (z + tail);
            double sd = Math.sqrt((tailVariance + (1 - p) * gap * gap) / (n * p));
            assertThat(t.level()).isEqualTo(p);
            assertThat(t.valueAtRisk()).as("VaR is the percentile").isEqualTo(s.percentiles()[i]);
            assertThat(t.conditionalValueAtRisk()).as("CVaR at %s", p).isCloseTo(cvar, within(5 * sd));
            assertThat(t.conditionalValueAtRisk()).as("CVaR below VaR").isLessThan(t.valueAtRisk());
        }
    }

    /**
     * A uniform's excess kurtosis is −1.2 and its skewness 0. npv falls linearly with the fixed cost to
     * serve, so it is uniform too. The sampling variance of the kurtosis is (β8 − 4β6β4 + 4β4³ − β4²)/n
     * with a uniform's standardised moments β4 = 9/5, β6 = 27/7, β8 = 9: about 1.317/n.
     */
    @Test
    void aUniformLeverThroughALinearMetricHasExcessKurtosisMinusOnePointTwo() {
        int n = SHAPE_SAMPLES;
        MonteCarlo.Summary s = MonteCarlo.run(COMPILED, List.of(uncertain(FIXED, new Distribution.Uniform(0, 2000))),
                List.of(Metric.NPV), config(n, Sampling.Method.RANDOM, 11, 2)).metrics().get(0);
        double b4 = 9.0 / 5;
        double b6 = 27.0 / 7;
        double b8 = 9;
        double kurtosisSd = Math.sqrt((b8 - 4 * b6 * b4 + 4 * b4 * b4 * b4 - b4 * b4) / n);
        assertThat(s.excessKurtosis()).isCloseTo(-1.2, within(5 * kurtosisSd));
        // a symmetric law's skewness has sampling variance (β6 − 6β4 + 9)/n (6/n for a normal)
        assertThat(s.skewness()).isCloseTo(0, within(5 * Math.sqrt((b6 - 6 * b4 + 9) / n)));
    }

    /** Every sample the same: no spread, so no shape; VaR and CVaR are that value. */
    @Test
    void aMetricThatDoesNotVaryHasNoShapeAndItsValueAsVaRAndCVaR() {
        MonteCarlo.Summary s = MonteCarlo.run(COMPILED, List.of(uncertain(CUSTOMER_RATE, new Distribution.Uniform(0.05, 0.15))),
                List.of(Metric.NPV), config(1_000, Sampling.Method.RANDOM, 3, 1)).metrics().get(0);
        double npv = Plain.metric(DEAL, Metric.NPV);
        assertThat(s.skewness()).isNaN();
        assertThat(s.excessKurtosis()).isNaN();
        for (MonteCarlo.TailRisk t : s.tailRisks()) {
            assertThat(t.valueAtRisk()).isCloseTo(npv, within(1e-9 * Math.abs(npv)));
            assertThat(t.conditionalValueAtRisk()).isCloseTo(npv, within(1e-9 * Math.abs(npv)));
        }
    }

    /** Hand-worked: G1 and G2 of {1, 2, 3, 10} (SciPy's skew and kurtosis with bias=False: 1.763633 and 3.228). */
    @Test
    void shapeOfFourValuesIsTheAdjustedSampleSkewnessAndKurtosis() {
        // mean 4; deviations −3, −2, −1, 6: m2 = 50/4, m3 = (−27 − 8 − 1 + 216)/4 = 45, m4 = (81 + 16 + 1 + 1296)/4 = 348.5
        double m2 = 12.5;
        double g1 = 45 / Math.pow(m2, 1.5);
        double g2 = 348.5 / (m2 * m2) - 3;
        double[] shape = MonteCarlo.shape(new double[] {1, 2, 3, 10}, 4);
        assertThat(shape[0]).isCloseTo(g1 * Math.sqrt(12) / 2, within(1e-12));
        assertThat(shape[1]).isCloseTo((5 * g2 + 6) * 3 / 2, within(1e-12));
        assertThat(shape[0]).isCloseTo(1.763633, within(1e-6));
        assertThat(shape[1]).isCloseTo(3.228, within(1e-9));
        // CVaR at the median 2.5: the mean of 1 and 2
        assertThat(MonteCarlo.meanAtOrBelow(new double[] {1, 2, 3, 10}, 2.5)).isEqualTo(1.5);
        // every level's in one pass, levels in any order: 2.5 → (1 + 2)/2, 10 → 16/4, below all → none, 3 → 6/3
        assertThat(MonteCarlo.meansAtOrBelow(new double[] {1, 2, 3, 10}, new double[] {2.5, 10, 0, 3}))
                .containsExactly(1.5, 4, Double.NaN, 2);
        // and to the bit what a pass of its own gives, over sums that round
        SplittableRandom random = new SplittableRandom(5);
        double[] many = random.doubles(10_001).map(v -> v * 1e6 / 3).sorted().toArray();
        double[] levels = {many[9_500], many[500], many[5_000], many[9_500], many[10_000]};
        double[] means = MonteCarlo.meansAtOrBelow(many, levels);
        for (int p = 0; p < levels.length; p++) {
            assertThat(means[p]).isEqualTo(MonteCarlo.meanAtOrBelow(many, levels[p]));
        }
        // ties share their average rank
        assertThat(MonteCarlo.ranks(new double[] {5, 1, 5, 3, Double.NaN}, 5)).containsExactly(3.5, 1, 3.5, 2, Double.NaN);
        // values one ulp apart are still told apart; −0.0 and 0.0 are equal
        double up = Math.nextUp(1.0);
        assertThat(MonteCarlo.ranks(new double[] {up, 1, up, -0.0, 0.0, Double.NaN, 7}, 7))
                .containsExactly(4.5, 3, 4.5, 1.5, 1.5, Double.NaN, 6);
    }

    /**
     * Net revenue rises with the volume (strictly): its Spearman coefficient with the volume is exactly 1
     * even where the link is not linear (npv with a lognormal volume); npv falls with the unit cost: −1.
     * The customer's rate moves neither: its rank correlation is 0 within five null sds 1/√(n − 1).
     */
    @Test
    void aMonotoneMetricHasSpearmanOneAndAnUnrelatedLeverAboutZero() {
        int n = 20_000;
        List<MonteCarlo.Uncertain> levers = List.of(
                uncertain(VOLUME, new Distribution.LogNormal(1000, 300)),
                uncertain(CUSTOMER_RATE, new Distribution.Uniform(0.05, 0.15)));
        MonteCarlo.Summary revenue = MonteCarlo.run(COMPILED, levers, List.of(Metric.NET_REVENUE),
                config(n, Sampling.Method.RANDOM, 5, 2)).metrics().get(0);
        for (MonteCarlo.Contribution k : revenue.contributions()) {
            if (k.lever().equals(VOLUME)) assertThat(k.rankCorrelation()).isCloseTo(1, within(1e-12));
            else assertThat(k.rankCorrelation()).isCloseTo(0, within(5 / Math.sqrt(n - 1)));
        }
        MonteCarlo.Summary npv = MonteCarlo.run(COMPILED, List.of(uncertain(UNIT_COST, new Distribution.Triangular(5, 6, 8))),
                List.of(Metric.NPV), config(n, Sampling.Method.LATIN_HYPERCUBE, 5, 2)).metrics().get(0);
        assertThat(npv.contributions().get(0).rankCorrelation()).isCloseTo(-1, within(1e-12));
    }

    @ParameterizedTest
    @EnumSource(Sampling.Method.class)
    void sampledRankCorrelationIsTheTarget(Sampling.Method method) {
        int n = 20_000;
        List<MonteCarlo.Uncertain> levers = List.of(
                uncertain(VOLUME, new Distribution.Uniform(500, 1500)),
                uncertain(PRICE, new Distribution.LogNormal(10, 2)));
        MonteCarlo.Config c = with(config(n, method, 8, 2), RankCorrelation.of(new double[][] {{1, 0.7}, {0.7, 1}}));
        List<Row> rows = stream(levers, List.of(Metric.LIST_REVENUE), c, 0, n);
        double[] v = column(rows, true, 0);
        double[] p = column(rows, true, 1);
        assertThat(spearman(v, p)).isCloseTo(0.7, within(0.02));
        // each lever keeps its own distribution
        assertThat(mean(v)).isCloseTo(1000, within(5 * 1000 / Math.sqrt(12 * n)));
        assertThat(mean(p)).isCloseTo(10, within(5 * 2 / Math.sqrt(n)));
        assertThat(Arrays.stream(v).min().orElseThrow()).isGreaterThanOrEqualTo(500);
        assertThat(Arrays.stream(v).max().orElseThrow()).isLessThanOrEqualTo(1500);

        // three levers, pairs at 0.6, −0.4 and 0
        List<MonteCarlo.Uncertain> three = List.of(
                uncertain(VOLUME, new Distribution.Normal(1000, 100)),
                uncertain(PRICE, new Distribution.Triangular(8, 10, 13)),
                uncertain(UNIT_COST, new Distribution.Uniform(5, 7)));
        double[][] target = {{1, 0.6, -0.4}, {0.6, 1, 0}, {-0.4, 0, 1}};
        assertThat(RankCorrelation.problems(target, 3)).isEmpty();
        List<Row> rows3 = stream(three, List.of(Metric.NPV), with(config(n, method, 9, 2), RankCorrelation.of(target)), 0, n);
        for (int i = 0; i < 3; i++) {
            for (int j = i + 1; j < 3; j++) {
                assertThat(spearman(column(rows3, true, i), column(rows3, true, j))).as("ρ[%s][%s]", i, j)
                        .isCloseTo(target[i][j], within(0.02));
            }
        }
        // without a correlation matrix the levers are independent
        List<Row> free = stream(three, List.of(Metric.NPV), config(n, method, 9, 2), 0, n);
        assertThat(spearman(column(free, true, 0), column(free, true, 1))).isCloseTo(0, within(0.03));
    }

    @Test
    void rankCorrelationProblemsNameTheRuleBroken() {
        assertThat(RankCorrelation.problems(new double[][] {{1, 0.7}, {0.7, 1}}, 2)).isEmpty();
        assertThat(RankCorrelation.problems(new double[][] {{1, 0.5}, {0.4, 1}}, 2))
                .isNotEmpty().allMatch(p -> p.contains("must be symmetric"));
        assertThat(RankCorrelation.problems(new double[][] {{0.9, 0.1}, {0.1, 1}}, 2))
                .singleElement().asString().contains("[0][0]").contains("the diagonal must be 1");
        assertThat(RankCorrelation.problems(new double[][] {{1, 1.5}, {1.5, 1}}, 2))
                .isNotEmpty().allMatch(p -> p.contains("correlations lie in [−1, 1]"))
                .anyMatch(p -> p.contains("[0][1]"));
        assertThat(RankCorrelation.problems(new double[][] {{1, Double.NaN}, {Double.NaN, 1}}, 2))
                .anyMatch(p -> p.contains("correlations lie in [−1, 1]"));
        // each pair is a valid correlation, but a ~ b, a ~ c strongly and b ~ c strongly negative cannot all hold
        assertThat(RankCorrelation.problems(new double[][] {{1, 0.9, 0.9}, {0.9, 1, -0.9}, {0.9, -0.9, 1}}, 3))
                .singleElement().asString().contains("not positive definite");
        assertThat(RankCorrelation.of(new double[][] {{1, 0.9, 0.9}, {0.9, 1, -0.9}, {0.9, -0.9, 1}})).isNull();
        assertThat(RankCorrelation.problems(new double[][] {{1, 0.5}, {0.5, 1}}, 3))
                .singleElement().asString().contains("2 rows").contains("(3)");
        assertThat(RankCorrelation.problems(new double[][] {{1, 0.5}, {0.5}}, 2))
                .singleElement().asString().contains("row 1 has 1 entries");
    }

    @Test
    void stoppedWorkEndsARunOnEveryThreadWithItsReasonNotAFailure() {
        Work work = new Work();
        work.stop(Work.Reason.CLIENT_GONE);
        List<MonteCarlo.Uncertain> levers = List.of(uncertain(PRICE, new Distribution.Uniform(9, 11)));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            assertThatThrownBy(() -> MonteCarlo.run(COMPILED.watchedBy(work), levers, List.of(Metric.NPV),
                    config(100_000, Sampling.Method.RANDOM, 1, 2), pool))
                    .isInstanceOf(Work.Stopped.class);
        } finally {
            pool.shutdownNow();
        }
        assertThat(work.evaluations()).isZero();
    }

    @Test
    void theHeapOfASummarisedRunIsCountedPerSample() {
        // random: 2 levers (value and rank, 8 + 8 each), 1 metric (8), the metric sorted and ranked (16),
        // 2 threads ranking (12 each): 32 + 8 + 16 + 24 = 80 bytes a sample
        assertThat(MonteCarlo.heapBytes(1000, 2, 1, 2)).isEqualTo(80_000);
        // the documented ceilings (2 M samples, 100 levers, 21 metrics) on 2 threads: 1600 + 168 + 16 + 24 =
        // 1808 bytes a sample, 3.6 GB (a Latin hypercube's strata are computed, so no method adds to it)
        assertThat(MonteCarlo.heapBytes(2_000_000, 100, 21, 2)).isEqualTo(3_616_000_000L);
    }

    @Test
    void samplesWhoseMetricOverflowsAreNullsNotInfinities() {
        // flat deal, 250 units a quarter for 12 quarters: a unit cost past 1.8e308 / 250 = 7.2e305 overflows
        // a quarter's cost of goods, past 1.8e308 / 3000 = 6e304 at least the sum of them; with the cost
        // uniform on [0, 1e306] between 28 % and 94 % of samples overflow, and never all
        List<MonteCarlo.Uncertain> levers = List.of(uncertain(UNIT_COST, new Distribution.Uniform(0, 1e306)));
        MonteCarlo.Summary npv = summary(MonteCarlo.run(COMPILED, levers, List.of(Metric.NPV),
                config(10_000, Sampling.Method.RANDOM, 7, 1)), Metric.NPV);
        assertThat(npv.count() + npv.nulls()).isEqualTo(10_000);
        assertThat(npv.nulls()).isBetween(2_500L, 9_600L);
        assertThat(npv.count()).isPositive();
        assertThat(npv.mean()).isFinite();
        assertThat(npv.min()).isFinite();
        for (double edge : npv.histogram().edges()) assertThat(edge).isFinite();
        assertThat(Arrays.stream(npv.histogram().counts()).sum()).isEqualTo(npv.count());
    }
}
