package io.parley.analysis;

import java.lang.management.ManagementFactory;
import java.util.List;

import org.hipparchus.distribution.continuous.NormalDistribution;
import org.junit.jupiter.api.Test;

import static io.parley.analysis.DistributionTest.boundedMean;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The log-uniform, cumulative and empirical laws and the truncation of every continuous law: quantiles,
 * means and second moments against closed forms worked by hand, and the rules their parameters keep.
 */
class DistributionLawsTest {

    static final NormalDistribution STANDARD = new NormalDistribution(0, 1);

    // ------------------------------------------------------------------ log-uniform

    @Test
    void logUniformHasTheClosedFormMeanMedianAndSecondMoment() {
        double a = 10_000;
        double b = 1_000_000;
        Distribution d = new Distribution.LogUniform(a, b);
        // ln X uniform on [ln a, ln b]: median √(ab), mean (b − a)/ln(b/a), E[X²] = (b² − a²)/(2 ln(b/a))
        assertThat(d.quantile(0.5)).isCloseTo(100_000, within(1e-9));
        assertThat(d.quantile(0.25)).isCloseTo(a * Math.pow(100, 0.25), within(1e-9));
        assertThat(d.mean()).isCloseTo((b - a) / Math.log(b / a), within(1e-9));
        assertThat(boundedMean(d::quantile)).isCloseTo((b - a) / Math.log(b / a), within(1e-6));
        assertThat(boundedMean(u -> d.quantile(u) * d.quantile(u)))
                .isCloseTo((b * b - a * a) / (2 * Math.log(b / a)), within(1e-9 * b * b));
        assertThat(((Distribution.Continuous) d).cumulative(100_000)).isCloseTo(0.5, within(1e-15));
    }

    @Test
    void logUniformRefusesARangeThatIsNotPositiveAndAscending() {
        assertThat(new Distribution.LogUniform(0, 5).problems()).containsExactly(
                "min: a log-uniform quantity is positive; min must be > 0");
        assertThat(new Distribution.LogUniform(5, 5).problems()).containsExactly(
                "max: must be above min (and a finite number)");
    }

    // ------------------------------------------------------------------ cumulative

    /** Half the probability uniform on [0, 1], half on [1, 3]. */
    static Distribution.Cumulative halfOnEachSegment() {
        return new Distribution.Cumulative(new double[] {0, 1, 3}, new double[] {0, 0.5, 1});
    }

    @Test
    void cumulativeIsUniformWithinEachSegment() {
        Distribution.Cumulative d = halfOnEachSegment();
        assertThat(d.quantile(0.25)).isCloseTo(0.5, within(1e-15));
        assertThat(d.quantile(0.5)).isCloseTo(1, within(1e-15));
        assertThat(d.quantile(0.75)).isCloseTo(2, within(1e-15));
        assertThat(d.cumulative(2)).isCloseTo(0.75, within(1e-15));
        assertThat(d.cumulative(-1)).isZero();
        assertThat(d.cumulative(4)).isEqualTo(1);
        // mean ½·½ + ½·2 = 1.25; E[X²] = ½·⅓ + ½·(1 + 3 + 9)/3 = 7/3
        assertThat(d.mean()).isCloseTo(1.25, within(1e-15));
        assertThat(boundedMean(d::quantile)).isCloseTo(1.25, within(1e-9));
        assertThat(boundedMean(u -> d.quantile(u) * d.quantile(u))).isCloseTo(7.0 / 3, within(1e-9));
    }

    @Test
    void aFlatStretchOfTheCumulativeProbabilityHoldsNoValues() {
        // nothing between 1 and 2: P(X ≤ 1) = P(X ≤ 2) = 0.5
        Distribution.Cumulative d = new Distribution.Cumulative(new double[] {0, 1, 2, 3}, new double[] {0, 0.5, 0.5, 1});
        assertThat(d.quantile(0.4999)).isLessThan(1);
        assertThat(d.quantile(0.5001)).isGreaterThan(2);
        assertThat(d.problems()).isEmpty();
    }

    @Test
    void cumulativeRefusesPointsThatAreNotADistribution() {
        assertThat(new Distribution.Cumulative(new double[] {0, 2, 1}, new double[] {0, 0.5, 1}).problems())
                .containsExactly("values: must ascend strictly; 1.0 follows 2.0");
        assertThat(new Distribution.Cumulative(new double[] {0, 1, 2}, new double[] {0.1, 0.5, 1}).problems())
                .containsExactly("probabilities: the first must be 0 (nothing lies below the least value)");
        assertThat(new Distribution.Cumulative(new double[] {0, 1, 2}, new double[] {0, 0.6, 0.5}).problems())
                .contains("probabilities: a cumulative probability cannot fall; 0.5 follows 0.6",
                        "probabilities: the last must be 1 (nothing lies above the greatest value)");
        assertThat(new Distribution.Cumulative(new double[] {0}, new double[] {0}).problems())
                .containsExactly("values: give at least two points, the least and the greatest value");
    }

    // ------------------------------------------------------------------ empirical

    @Test
    void empiricalDrawsEachSampleValueEquallyOften() {
        Distribution d = new Distribution.Empirical(new double[] {3, 1, 2, 10});
        int[] hits = new int[4];
        double[] sorted = {1, 2, 3, 10};
        for (int i = 0; i < 400; i++) {
            double v = d.quantile((i + 0.5) / 400);
            for (int k = 0; k < 4; k++) if (v == sorted[k]) hits[k]++;
        }
        assertThat(hits).containsExactly(100, 100, 100, 100);
        assertThat(d.mean()).isEqualTo(4);
        assertThat(d.extremes()).containsExactly(1, 10);
        assertThat(new Distribution.Empirical(new double[0]).problems()).containsExactly("values: give at least one value");
    }

    // ------------------------------------------------------------------ truncation

    @Test
    void aTriangularColumnOfQuantilesIsEachUniformsOwnQuantile() {
        // the column's loops against quantile(u) one at a time, bit for bit: uniforms on both sides of the mode,
        // at its split (1/3 here) and at the edges a run draws
        Distribution.Triangular law = new Distribution.Triangular(2, 4, 8);
        java.util.SplittableRandom random = new java.util.SplittableRandom(17);
        double[] u = new double[1003];
        for (int i = 0; i < u.length; i++) u[i] = random.nextDouble();
        u[0] = 1.0 / 3;
        u[1] = Math.nextDown(1.0 / 3);
        u[2] = Sampling.EDGE;
        u[3] = 1 - Sampling.EDGE;
        double[] out = new double[u.length];
        law.quantiles(u, u.length, out);
        for (int i = 0; i < u.length; i++) assertThat(out[i]).as("u = %s", u[i]).isEqualTo(law.quantile(u[i]));
    }

    @Test
    void aTruncatedTriangleHasTheClosedFormQuantileAndMean() {
        // triangle (0, 0, 1): density 2(1 − x). On [0, ½] it holds ¾; F_T(x) = (1 − (1 − x)²)/¾, so
        // Q_T(u) = 1 − √(1 − ¾u), and E = ∫₀^½ 2x(1 − x) dx / ¾ = (¼ − 1/12)/¾ = 2/9
        Distribution d = Distribution.truncated(new Distribution.Triangular(0, 0, 1), 0, 0.5);
        for (double u : DistributionTest.U) assertThat(d.quantile(u)).isCloseTo(1 - Math.sqrt(1 - 0.75 * u), within(1e-15));
        assertThat(d.mean()).isCloseTo(2.0 / 9, within(1e-9));
        assertThat(d.problems()).isEmpty();
    }

    @Test
    void aTruncatedBetaHasTheClosedFormMean() {
        // beta(2, 2): density 6x(1 − x), half of it on [0, ½]; E = 6 ∫₀^½ x²(1 − x) dx / ½ = 6 (1/24 − 1/64) / ½ = 0.3125
        Distribution d = Distribution.truncated(new Distribution.Beta(2, 2, 0, 1), Double.NEGATIVE_INFINITY, 0.5);
        assertThat(d.mean()).isCloseTo(0.3125, within(1e-9));
        assertThat(boundedMean(d::quantile)).isCloseTo(0.3125, within(1e-9));
        assertThat(d.quantile(1 - Sampling.EDGE)).isLessThanOrEqualTo(0.5);
    }

    @Test
    void aTruncatedLognormalHasTheClosedFormMean() {
        // E[X | a < X < b] = e^(μ + σ²/2) [Φ((ln b − μ − σ²)/σ) − Φ((ln a − μ − σ²)/σ)] / [Φ((ln b − μ)/σ) − Φ((ln a − μ)/σ)]
        double mean = 100;
        double sd = 40;
        double s2 = Math.log(1 + sd * sd / (mean * mean));
        double s = Math.sqrt(s2);
        double mu = Math.log(mean) - s2 / 2;
        double a = 80;
        double b = 150;
        double expected = Math.exp(mu + s2 / 2)
                * (STANDARD.cumulativeProbability((Math.log(b) - mu - s2) / s) - STANDARD.cumulativeProbability((Math.log(a) - mu - s2) / s))
                / (STANDARD.cumulativeProbability((Math.log(b) - mu) / s) - STANDARD.cumulativeProbability((Math.log(a) - mu) / s));
        Distribution d = Distribution.truncated(new Distribution.LogNormal(mean, sd), a, b);
        assertThat(d.mean()).isCloseTo(expected, within(1e-7));
        assertThat(boundedMean(d::quantile)).isCloseTo(expected, within(1e-7));
        assertThat(d.extremes()[0]).isGreaterThanOrEqualTo(a);
        assertThat(d.extremes()[1]).isLessThanOrEqualTo(b);
    }

    @Test
    void aTruncatedUniformIsTheUniformOnTheWindow() {
        Distribution d = Distribution.truncated(new Distribution.Uniform(0, 10), 2, 4);
        for (double u : DistributionTest.U) assertThat(d.quantile(u)).isCloseTo(2 + 2 * u, within(1e-14));
    }

    @Test
    void aNormalCutOnOneSideIsTheHalfNormal() {
        // cut at its mean: μ + σ √(2/π), median μ + σ Φ⁻¹(¾)
        Distribution d = Distribution.truncated(new Distribution.Normal(5, 2), 5, Double.POSITIVE_INFINITY);
        assertThat(d).isInstanceOf(Distribution.TruncatedNormal.class);
        assertThat(d.mean()).isCloseTo(5 + 2 * Math.sqrt(2 / Math.PI), within(1e-12));
        assertThat(d.quantile(0.5)).isCloseTo(5 + 2 * STANDARD.inverseCumulativeProbability(0.75), within(1e-12));
    }

    @Test
    void aWindowOutsideTheLawOrUpsideDownIsRefused() {
        assertThat(Distribution.truncated(new Distribution.Uniform(0, 1), 2, 3).problems())
                .containsExactly("lower: the window [lower, upper] holds 0.0 of the distribution's probability, less than "
                        + "1.0E-9; check the window against the parameters");
        assertThat(Distribution.truncated(new Distribution.Pert(0, 1, 2), 1.5, 1.5).problems())
                .containsExactly("upper: must be above lower");
        assertThat(Distribution.truncated(new Distribution.LogUniform(-1, 2), 0.5, 1).problems())
                .containsExactly("min: a log-uniform quantity is positive; min must be > 0");
    }

    @Test
    void everyContinuousFamilyTakesAWindowAndTheOthersDoNot() {
        for (DistributionKind k : DistributionKind.values()) {
            boolean continuous = k != DistributionKind.DISCRETE && k != DistributionKind.EMPIRICAL;
            boolean cutAlready = k == DistributionKind.TRUNCATED_NORMAL;
            assertThat(k.takesWindow()).as(k.name()).isEqualTo(continuous && !cutAlready);
            assertThat(k.fields().containsAll(DistributionKind.WINDOW)).as(k.name()).isEqualTo(continuous);
        }
        Distribution cut = DistributionKind.PERT.windowed(DistributionKind.PERT.of(0, 1, 4), 0.5, Double.POSITIVE_INFINITY);
        assertThat(cut.quantile(Sampling.EDGE)).isGreaterThanOrEqualTo(0.5);
        Distribution whole = DistributionKind.PERT.windowed(DistributionKind.PERT.of(0, 1, 4), Double.NEGATIVE_INFINITY,
                Double.POSITIVE_INFINITY);
        assertThat(whole).isInstanceOf(Distribution.Pert.class);
        assertThat(DistributionKind.CUMULATIVE.ofLists(new double[] {0, 1}, new double[] {0, 1}).quantile(0.25))
                .isEqualTo(0.25);
        assertThat(DistributionKind.LOG_UNIFORM.of(1, 100).quantile(0.5)).isCloseTo(10, within(1e-12));
    }

    @Test
    void theNewLawsDrawWithoutAllocating() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        List<Distribution> laws = List.of(new Distribution.LogUniform(1, 100), halfOnEachSegment(),
                new Distribution.Empirical(new double[] {3, 1, 2}),
                Distribution.truncated(new Distribution.Triangular(0, 1, 4), 0.5, 3),
                Distribution.truncated(new Distribution.Uniform(0, 1), 0.2, 0.9));
        double sink = 0;
        for (Distribution d : laws) sink += d.quantile(0.3); // first calls outside the measurement
        long tid = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 20_000; i++) {
            for (int l = 0; l < laws.size(); l++) sink += laws.get(l).quantile((i + 0.5) / 20_000);
        }
        long allocated = threads.getThreadAllocatedBytes(tid) - before;
        assertThat(sink).isFinite();
        // 100,000 draws; one 16-byte object each would be 1.6 MB
        assertThat(allocated).isLessThan(20_000);
    }
}
