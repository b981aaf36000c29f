package io.parley.analysis;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.hipparchus.distribution.discrete.BinomialDistribution;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.parley.engine.Metric;

import static io.parley.analysis.MonteCarloTest.COMPILED;
import static io.parley.analysis.MonteCarloTest.DEAL;
import static io.parley.analysis.MonteCarloTest.FIXED;
import static io.parley.analysis.MonteCarloTest.INVESTMENT;
import static io.parley.analysis.MonteCarloTest.UNIT_COST;
import static io.parley.analysis.MonteCarloTest.VOLUME;
import static io.parley.analysis.MonteCarloTest.config;
import static io.parley.analysis.MonteCarloTest.uncertain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The Monte Carlo sensitivity figures and intervals against closed forms on the flat deal (1000 units a
 * year at 10 costing 6, 10 % cost of capital, three years of quarters): contribution to variance and the
 * change in the mean on a metric additive in independent levers with known shares, and the coverage of
 * the percentile and probability intervals over seeds.
 */
class MonteCarloSensitivityTest {

    /** A = Σ_{t<12} 1.1^(−(t+1)/4): npv moves by −250 A per unit of unit cost and −A/4 per unit of fixed cost. */
    static final double ANNUITY;

    static {
        double a = 0;
        for (int t = 0; t < 12; t++) a += Math.pow(1.1, -(t + 1) / 4.0);
        ANNUITY = a;
    }

    /** The investment is paid at t = 0 and discounted one quarter: npv moves by −1.1^(−1/4) per unit. */
    static final double INVESTMENT_SLOPE = -Math.pow(1.1, -0.25);
    /** Widths giving the three levers variances V, V and 4V: unit cost 2, fixed cost 2000, investment W. */
    static final double INVESTMENT_WIDTH = 1000 * ANNUITY / -INVESTMENT_SLOPE;

    static ExecutorService pool;

    @BeforeAll
    static void start() {
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
    }

    /** npv = c − 250 A × unitCost − A/4 × fixed − 1.1^(−1/4) × investment, each lever uniform. */
    static List<MonteCarlo.Uncertain> additiveLevers() {
        return List.of(
                uncertain(UNIT_COST, new Distribution.Uniform(5, 7)),
                uncertain(FIXED, new Distribution.Uniform(0, 2000)),
                uncertain(INVESTMENT, new Distribution.Uniform(0, INVESTMENT_WIDTH)));
    }

    @Test
    void theSlopesOfTheAdditiveDealAreTheHandWorkedOnes() {
        double base = Plain.metric(DEAL, Metric.NPV);
        assertThat(Plain.metric(DEAL, Metric.NPV, UNIT_COST, 7) - base).isCloseTo(-250 * ANNUITY, within(1e-6));
        assertThat((Plain.metric(DEAL, Metric.NPV, FIXED, 1000) - base) / 1000).isCloseTo(-ANNUITY / 4, within(1e-9));
        assertThat((Plain.metric(DEAL, Metric.NPV, INVESTMENT, 1000) - base) / 1000).isCloseTo(INVESTMENT_SLOPE, within(1e-9));
    }

    /**
     * Var(a_i X_i) is (250 A)² × 4/12 for unit cost, (A/4)² × 2000²/12 — the same — for fixed cost, and
     * four times that for the investment: contributions to variance 1/6, 1/6 and 2/3. The metric is exactly
     * linear, so the regression's shares are the sampled variances' shares; a Latin hypercube's sampled
     * variances are the law's to about 1/n.
     */
    @Test
    void contributionToVarianceOfAnAdditiveMetricIsEachLeversShareOfTheVariance() {
        MonteCarlo.Summary s = MonteCarlo.run(COMPILED, additiveLevers(), List.of(Metric.NPV),
                config(20_000, Sampling.Method.LATIN_HYPERCUBE, 5, 2), pool).metrics().get(0);

        assertThat(s.contributions()).extracting(MonteCarlo.Contribution::lever).containsExactly(INVESTMENT,
                s.contributions().get(1).lever(), s.contributions().get(2).lever());
        for (MonteCarlo.Contribution c : s.contributions()) {
            double want = c.lever().equals(INVESTMENT) ? 2.0 / 3 : 1.0 / 6;
            assertThat(c.contributionToVariance()).as(c.lever()).isCloseTo(want, within(1e-3));
            assertThat(c.rankContributionToVariance()).as(c.lever()).isBetween(0.0, 1.0);
        }
        assertThat(s.contributions().stream().mapToDouble(MonteCarlo.Contribution::contributionToVariance).sum())
                .isCloseTo(1, within(1e-12));
        assertThat(s.contributions().stream().mapToDouble(MonteCarlo.Contribution::rankContributionToVariance).sum())
                .isCloseTo(1, within(1e-12));
        // the ranks keep the order: the investment dominates, the other two share the rest about equally
        MonteCarlo.Contribution top = s.contributions().get(0);
        assertThat(top.rankContributionToVariance()).isGreaterThan(0.5);
        assertThat(s.contributions().get(1).rankContributionToVariance())
                .isCloseTo(s.contributions().get(2).rankContributionToVariance(), within(0.01));
    }

    /**
     * In the lowest tenth of unit cost (5 to 5.2, midpoint 5.1) the mean npv is npv at the levers' means
     * + (−250 A)(5.1 − 6); in the highest, + (−250 A)(6.9 − 6). The other levers vary freely within a bin:
     * their part of the bin's mean has sd √(V + 4V) / √2000, V = (500 A)²/12; five of those bound it.
     */
    @Test
    void theChangeInMeanByTenthsOfALeverIsTheSlopeTimesTheTenthsMidpoint() {
        int n = 20_000;
        MonteCarlo.Summary s = MonteCarlo.run(COMPILED, additiveLevers(), List.of(Metric.NPV),
                config(n, Sampling.Method.LATIN_HYPERCUBE, 8, 2), pool).metrics().get(0);
        double atMeans = Plain.metric(Plain.set(DEAL, UNIT_COST, 6, FIXED, 1000, INVESTMENT, INVESTMENT_WIDTH / 2), Metric.NPV);
        double v = 500 * ANNUITY * 500 * ANNUITY / 12;
        double noise = 5 * Math.sqrt(5 * v / (n / 10.0));

        assertThat(s.meanChanges()).extracting(MonteCarlo.MeanChange::lever).first().isEqualTo(INVESTMENT);
        MonteCarlo.MeanChange cost = s.meanChanges().stream().filter(m -> m.lever().equals(UNIT_COST)).findFirst().orElseThrow();
        assertThat(cost.binMeans()).hasSize(MonteCarlo.DEFAULT_MEAN_CHANGE_BINS);
        assertThat(cost.lowBinMean()).isCloseTo(atMeans - 250 * ANNUITY * (5.1 - 6), within(noise));
        assertThat(cost.highBinMean()).isCloseTo(atMeans - 250 * ANNUITY * (6.9 - 6), within(noise));
        for (int b = 0; b < 10; b++) {
            double mid = 5 + 0.2 * b + 0.1;
            assertThat(cost.binMeans()[b]).as("bin " + b).isCloseTo(atMeans - 250 * ANNUITY * (mid - 6), within(noise));
        }
        MonteCarlo.MeanChange investment = s.meanChanges().get(0);
        assertThat(investment.spread()).isCloseTo(0.9 * INVESTMENT_WIDTH * -INVESTMENT_SLOPE, within(2 * noise));
    }

    @Test
    void aDiscreteLeversTiesShareOneBinAndLeaveTheOthersEmpty() {
        List<MonteCarlo.Uncertain> levers = List.of(
                uncertain(VOLUME, new Distribution.Discrete(new double[] {800, 1200}, new double[] {0.5, 0.5})));
        MonteCarlo.Summary s = MonteCarlo.run(COMPILED, levers, List.of(Metric.NET_REVENUE),
                config(1000, Sampling.Method.LATIN_HYPERCUBE, 3, 1), pool).metrics().get(0);
        MonteCarlo.MeanChange m = s.meanChanges().get(0);
        // net revenue is 30 × volume: 24,000 in the bin holding every 800, 36,000 in the one holding every 1200
        assertThat(m.lowBinMean()).isCloseTo(24_000, within(1e-9));
        assertThat(m.highBinMean()).isCloseTo(36_000, within(1e-9));
        assertThat(m.spread()).isCloseTo(12_000, within(1e-9));
        assertThat(java.util.Arrays.stream(m.binMeans()).filter(Double::isNaN).count()).isEqualTo(8);
    }

    // ------------------------------------------------------------------ intervals

    @Test
    void theMedianIntervalOfTenSamplesIsTheSecondToTheNinth() {
        // Binomial(10, ½): P(B ≤ 1) = 11/1024 < 0.025 ≤ P(B ≤ 2) = 56/1024; P(B ≤ 7) = 968/1024 < 0.975 ≤ P(B ≤ 8)
        double[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        ConfidenceIntervals.Interval ci = ConfidenceIntervals.percentile(sorted, 0.5, 0.95);
        assertThat(ci.low()).isEqualTo(2);
        assertThat(ci.high()).isEqualTo(9);
        // P95 of ten samples: the tenth is below it with probability 0.95^10 ≈ 0.6, so no upper end is bounded
        assertThat(ConfidenceIntervals.percentile(sorted, 0.95, 0.95).high()).isNaN();
    }

    @Test
    void wilsonsIntervalWithNoHitsReachesZSquaredOverNPlusZSquared() {
        double z = 1.959963984540054;
        ConfidenceIntervals.Interval ci = ConfidenceIntervals.proportion(0, 10, 0.95);
        assertThat(ci.low()).isZero();
        assertThat(ci.high()).isCloseTo(z * z / (10 + z * z), within(1e-15));
        // exactly 0 and 1 at the edges, whatever the rounding of the formula (it left 1.08e-19 at n = 2000)
        assertThat(ConfidenceIntervals.proportion(0, 2000, 0.95).low()).isZero();
        assertThat(ConfidenceIntervals.proportion(2000, 2000, 0.95).high()).isEqualTo(1);
        // and half the hits: centred on ½, half-width z √(¼n + z²/4) / (n + z²)
        ConfidenceIntervals.Interval half = ConfidenceIntervals.proportion(50, 100, 0.95);
        double w = z * Math.sqrt(25 + z * z / 4) / (100 + z * z);
        assertThat(half.low()).isCloseTo(0.5 - w, within(1e-15));
        assertThat(half.high()).isCloseTo(0.5 + w, within(1e-15));
    }

    /**
     * Net revenue is 30 × volume, volume uniform on [800, 1200]: its P90 is 30 × 1160 = 34,800 and
     * P(netRevenue < 31,200) = P(volume < 1040) = 0.6. Over 1000 seeds of 400 independent samples, the
     * percentile's interval holds 34,800 as often as its construction promises: P(l ≤ B ≤ u − 1) for
     * B ~ Binomial(400, 0.9), at least 0.95 (within 4 sds of the seeds' binomial noise); Wilson's
     * interval holds 0.6 in 93–97 % of the runs.
     */
    @Test
    void theIntervalsHoldTheClosedFormFiguresAsOftenAsTheirConfidenceSays() {
        int n = 400;
        int seeds = 1000;
        double p90 = 30 * 1160;
        double cut = 30 * 1040;
        assertThat(Plain.metric(DEAL, Metric.NET_REVENUE, VOLUME, 1160)).isCloseTo(p90, within(1e-9));
        List<MonteCarlo.Uncertain> levers = List.of(uncertain(VOLUME, new Distribution.Uniform(800, 1200)));
        int percentileHeld = 0;
        int probabilityHeld = 0;
        for (int seed = 0; seed < seeds; seed++) {
            MonteCarlo.Config c = MonteCarloTest.with(config(n, Sampling.Method.RANDOM, seed, 1), new double[] {0.9},
                    List.of(new MonteCarlo.Threshold(Metric.NET_REVENUE, true, cut)));
            MonteCarlo.Summary s = MonteCarlo.run(COMPILED, levers, List.of(Metric.NET_REVENUE), c, pool).metrics().get(0);
            ConfidenceIntervals.Interval q = s.percentileIntervals().get(0);
            if (q.low() <= p90 && p90 <= q.high()) percentileHeld++;
            ConfidenceIntervals.Interval pr = s.probabilityIntervals().get(0);
            if (pr.low() <= 0.6 && 0.6 <= pr.high()) probabilityHeld++;
        }
        BinomialDistribution b = new BinomialDistribution(n, 0.9);
        int l = b.inverseCumulativeProbability(0.025);
        int u = b.inverseCumulativeProbability(0.975) + 1;
        double promised = b.cumulativeProbability(u - 1) - b.cumulativeProbability(l - 1);
        assertThat(promised).isGreaterThanOrEqualTo(0.95);
        double sd = Math.sqrt(promised * (1 - promised) / seeds);
        assertThat(percentileHeld / (double) seeds).isCloseTo(promised, within(4 * sd));
        assertThat(probabilityHeld / (double) seeds).isBetween(0.93, 0.97);
    }

    /**
     * Net revenue is 30 × volume with volume normal (1000, 100): sd 3000, so after one round of 131,072
     * samples the median's 95 % interval has half-width about 1.96 × ½ / √131072 × 3000 √(2π) ≈ 20.4,
     * within a target of 30 but never within 1.
     */
    @Test
    void aPrecisionTargetOnAPercentileStopsWhenItsIntervalIsNarrowEnough() {
        List<MonteCarlo.Uncertain> levers = List.of(uncertain(VOLUME, new Distribution.Normal(1000, 100)));
        int round = MonteCarlo.BLOCKS_PER_ROUND * Sampling.BLOCK;
        MonteCarlo.Config met = MonteCarloTest.with(config(400_000, Sampling.Method.RANDOM, 3, 2),
                new MonteCarlo.Precision(Metric.NET_REVENUE, Double.NaN, 0.95, 0.5, 30));
        MonteCarlo.Result r = MonteCarlo.run(COMPILED, levers, List.of(Metric.NET_REVENUE), met, pool);
        assertThat(r.stoppedByPrecision()).isTrue();
        assertThat(r.samples()).isEqualTo(round);
        ConfidenceIntervals.Interval median = r.metrics().get(0).percentileIntervals().get(2);
        assertThat(median.halfWidth()).isLessThanOrEqualTo(30).isCloseTo(20.4, within(2.0));

        MonteCarlo.Config relative = MonteCarloTest.with(config(400_000, Sampling.Method.RANDOM, 3, 2),
                new MonteCarlo.Precision(Metric.NET_REVENUE, 0.001, 0.95, 0.5, Double.NaN));
        assertThat(MonteCarlo.run(COMPILED, levers, List.of(Metric.NET_REVENUE), relative, pool).samples()).isEqualTo(round);

        MonteCarlo.Config impossible = MonteCarloTest.with(config(150_000, Sampling.Method.RANDOM, 3, 2),
                new MonteCarlo.Precision(Metric.NET_REVENUE, Double.NaN, 0.95, 0.5, 1));
        MonteCarlo.Result all = MonteCarlo.run(COMPILED, levers, List.of(Metric.NET_REVENUE), impossible, pool);
        assertThat(all.stoppedByPrecision()).isFalse();
        assertThat(all.samples()).isEqualTo(150_000);
    }

    @Test
    void aSamplesBinOfTheChangeInTheMeanIsTheFloorOfItsRankTimesTheBinsOverTheSamplesByDivision() {
        // every whole and half rank of runs of several sizes (a million among them) into 2–100 bins,
        // against the integer floor worked out exactly, ⌊(2r − 2) bins / 2n⌋ in long arithmetic, as is the
        // floor of the rounded division it replaces
        for (int n : new int[] {2, 3, 7, 10, 1000, 99_991, 1_000_000}) {
            for (int bins : new int[] {2, 3, 7, 10, 100}) {
                double perRank = 1.0 / n;
                for (long twice = 2; twice <= 2L * n; twice++) {
                    double rank = twice / 2.0;
                    long exact = (twice - 2) * bins / (2L * n);
                    long b = MonteCarlo.bin((rank - 1) * bins, n, perRank);
                    long divided = (long) ((rank - 1) * bins / n); // the division it replaces
                    if (b != exact || divided != exact) {
                        throw new AssertionError("n " + n + ", bins " + bins + ", rank " + rank + ": " + b + " and "
                                + divided + " by division, not " + exact);
                    }
                }
            }
        }
        assertThat(MonteCarlo.bin(Double.NaN, 10, 0.1)).isZero();
    }
}
