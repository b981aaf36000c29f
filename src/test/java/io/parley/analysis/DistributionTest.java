package io.parley.analysis;

import java.util.function.DoubleUnaryOperator;

import org.hipparchus.distribution.continuous.BetaDistribution;
import org.hipparchus.distribution.continuous.LogNormalDistribution;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.hipparchus.distribution.continuous.TriangularDistribution;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Each distribution's quantile function against a closed form or an independent Hipparchus reference,
 * its mean against the integral of the quantile over (0, 1), and its parameter rules.
 */
class DistributionTest {

    /** Shares at which quantiles are compared: both tails, the quartiles, the median. */
    static final double[] U = {1e-6, 0.001, 0.025, 0.1, 0.25, 0.5, 0.6, 0.75, 0.9, 0.975, 0.999, 1 - 1e-6};

    static final NormalDistribution STANDARD = new NormalDistribution(0, 1);

    /**
     * E[g(Q(U))] for U uniform on (0, 1), as ∫ g(Q(Φ(z))) φ(z) dz over z in [−8, 8] by the trapezoid rule
     * with step 0.002. For an integrand this smooth and fast-decaying the trapezoid rule on the real line
     * is accurate to far below 1e-9 relative; the tails beyond ±8 weigh about 1e-15 (× the lognormal's
     * growth there, still < 1e-9 of the mean for the cases below).
     */
    static double expectation(DoubleUnaryOperator quantile, DoubleUnaryOperator g) {
        double h = 0.002;
        double sum = 0;
        for (int i = 0; i <= 8000; i++) {
            double z = -8 + i * h;
            double u = STANDARD.cumulativeProbability(z);
            sum += g.applyAsDouble(quantile.applyAsDouble(u)) * STANDARD.density(z) * (i == 0 || i == 8000 ? 0.5 : 1);
        }
        return sum * h;
    }

    /**
     * ∫₀¹ Q(u) du for a bounded distribution: Gauss–Legendre with 20 points on each of 400 equal cells,
     * the first and last cells split geometrically further, since a beta quantile behaves like u^(1/α) at 0.
     */
    static double boundedMean(DoubleUnaryOperator quantile) {
        double[][] gl = gaussLegendre20();
        double sum = 0;
        int cells = 400;
        for (int c = 0; c < cells; c++) {
            double a = (double) c / cells;
            double b = (double) (c + 1) / cells;
            if (c == 0) {
                sum += geometric(quantile, gl, 0, b, true);
            } else if (c == cells - 1) {
                sum += geometric(quantile, gl, a, 1, false);
            } else {
                sum += gaussLegendre(quantile, gl, a, b);
            }
        }
        return sum;
    }

    private static double geometric(DoubleUnaryOperator q, double[][] gl, double a, double b, boolean atZero) {
        // cells [w/2^(j+1), w/2^j] towards the singular end, 40 halvings (the rest weighs < 1e-12 × w)
        double w = b - a;
        double sum = 0;
        for (int j = 0; j < 40; j++) {
            double hi = w / Math.pow(2, j);
            double lo = hi / 2;
            sum += atZero ? gaussLegendre(q, gl, a + lo, a + hi) : gaussLegendre(q, gl, b - hi, b - lo);
        }
        return sum;
    }

    private static double gaussLegendre(DoubleUnaryOperator q, double[][] gl, double a, double b) {
        double half = (b - a) / 2;
        double mid = (a + b) / 2;
        double s = 0;
        for (int i = 0; i < gl[0].length; i++) s += gl[1][i] * q.applyAsDouble(mid + half * gl[0][i]);
        return s * half;
    }

    private static double[][] gaussLegendre20() {
        org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory f =
                new org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory();
        org.hipparchus.analysis.integration.gauss.GaussIntegrator g = f.legendre(20, -1, 1);
        double[][] out = new double[2][g.getNumberOfPoints()];
        for (int i = 0; i < out[0].length; i++) {
            out[0][i] = g.getPoint(i);
            out[1][i] = g.getWeight(i);
        }
        return out;
    }

    @Test
    void normalQuantileIsHipparchusNormal() {
        Distribution.Normal d = new Distribution.Normal(1000, 150);
        NormalDistribution ref = new NormalDistribution(1000, 150);
        for (double u : U) {
            assertThat(d.quantile(u)).as("u = " + u).isCloseTo(ref.inverseCumulativeProbability(u), within(1e-9));
        }
        // a few values every reader knows: the median is the mean, the 97.5 % point is mean + 1.959964 sd
        assertThat(d.quantile(0.5)).isCloseTo(1000, within(1e-9));
        assertThat(d.quantile(0.975)).isCloseTo(1000 + 1.959963984540054 * 150, within(1e-6));
        assertThat(d.quantile(0.025)).isCloseTo(1000 - 1.959963984540054 * 150, within(1e-6));
        assertThat(d.mean()).isEqualTo(1000);
        assertThat(expectation(d::quantile, x -> x)).isCloseTo(1000, within(1e-6));
        assertThat(Math.sqrt(expectation(d::quantile, x -> (x - 1000) * (x - 1000)))).isCloseTo(150, within(1e-6));
    }

    @Test
    void truncatedNormalStaysInItsBoundsAndHasTheClosedFormMedianAndMean() {
        Distribution.TruncatedNormal d = new Distribution.TruncatedNormal(10, 4, 8, 20);
        for (double u : U) {
            assertThat(d.quantile(u)).as("u = " + u).isBetween(8.0, 20.0);
        }
        assertThat(d.quantile(Sampling.EDGE)).isCloseTo(8, within(1e-9));
        assertThat(d.quantile(1 - Sampling.EDGE)).isCloseTo(20, within(1e-9));
        // closed form: F(x) = (Φ((x−μ)/σ) − Φ(α)) / (Φ(β) − Φ(α)), α = (8−10)/4, β = (20−10)/4
        double fa = STANDARD.cumulativeProbability(-0.5);
        double fb = STANDARD.cumulativeProbability(2.5);
        double median = 10 + 4 * STANDARD.inverseCumulativeProbability((fa + fb) / 2);
        assertThat(d.quantile(0.5)).isCloseTo(median, within(1e-9));
        for (double u : U) {
            double x = d.quantile(u);
            double cdf = (STANDARD.cumulativeProbability((x - 10) / 4) - fa) / (fb - fa);
            assertThat(cdf).as("F(Q(" + u + "))").isCloseTo(u, within(1e-9));
        }
        // mean: μ + σ (φ(α) − φ(β)) / (Φ(β) − Φ(α)), checked against the integral of the quantile
        double mean = 10 + 4 * (STANDARD.density(-0.5) - STANDARD.density(2.5)) / (fb - fa);
        assertThat(d.mean()).isCloseTo(mean, within(1e-12));
        assertThat(boundedMean(d::quantile)).isCloseTo(mean, within(1e-7));

        // the standard normal truncated to [0, ∞): median Φ⁻¹(0.75) = 0.6744897501960817, mean √(2/π)
        Distribution.TruncatedNormal half = new Distribution.TruncatedNormal(0, 1, 0, 40);
        assertThat(half.quantile(0.5)).isCloseTo(0.6744897501960817, within(1e-9));
        assertThat(half.mean()).isCloseTo(Math.sqrt(2 / Math.PI), within(1e-12));
        assertThat(expectation(half::quantile, x -> x)).isCloseTo(Math.sqrt(2 / Math.PI), within(1e-6));
    }

    @Test
    void truncatedNormalInAnUpperTailMirrorsTheLowerTail() {
        // N(0, 1) on [3, 6] is the mirror image of N(0, 1) on [−6, −3]: Q_upper(u) = −Q_lower(1 − u)
        Distribution.TruncatedNormal upper = new Distribution.TruncatedNormal(0, 1, 3, 6);
        Distribution.TruncatedNormal lower = new Distribution.TruncatedNormal(0, 1, -6, -3);
        for (double u : new double[] {0.01, 0.1, 0.5, 0.9, 0.99}) {
            assertThat(upper.quantile(u)).as("u = " + u).isCloseTo(-lower.quantile(1 - u), within(1e-6));
        }
        assertThat(upper.mean()).isCloseTo(-lower.mean(), within(1e-9));
    }

    /**
     * A window far out in a tail, e.g. a growth rate ~ N(0.02, 0.01) truncated to [0.105, 0.115] (a mistyped
     * sd puts the window 8.5–9.5 sd out). The distribution is still well defined: nearly exponential from
     * the lower bound with rate ≈ 8.5 / sd. Reference: bisection on the tail probabilities, computed with
     * erfc, which keeps full relative precision out there: P(X > x | window) = (Q(x) − Q(b)) / (Q(a) − Q(b)),
     * Q(z) = erfc(z/√2)/2. (Φ(8.5) rounds to 1 in double, and Hipparchus' normal inverse is −∞ below
     * p ≈ 3e-17, so Φ and Φ⁻¹ directly cannot resolve this window.)
     */
    @Test
    void aWindowWithNoRealProbabilityIsRefusedNotSampledAsItsBound() {
        // 8.5–9.5 sd out holds ~1e-17 of the probability: no double-precision sampler resolves it, and
        // such parameters are a slip; problems() says so instead of every sample landing on a bound
        for (double[] w : new double[][] {{8.5, 9.5}, {-9.5, -8.5}}) {
            assertThat(new Distribution.TruncatedNormal(0, 1, w[0], w[1]).problems())
                    .singleElement().asString().startsWith("lower: the window [lower, upper] holds less than 1.0E-9");
        }
    }

    @Test
    void truncatedNormalFarInATailIsStillTheTruncatedNormal() {
        // 5–6 sd out (a probability of ~3e-7): Φ near 1 would lose most digits; the mirrored tail keeps them
        double[][] windows = {{5, 6}, {-6, -5}};
        java.util.List<String> wrong = new java.util.ArrayList<>(); // every miss, not just the first
        for (double[] w : windows) {
            Distribution.TruncatedNormal d = new Distribution.TruncatedNormal(0, 1, w[0], w[1]);
            for (double u : new double[] {0.01, 0.5, 0.99}) {
                double want = tailQuantile(w[0], w[1], u);
                double got = d.quantile(u);
                if (!(Math.abs(got - want) <= 1e-6)) wrong.add("N(0, 1) on [" + w[0] + ", " + w[1] + "]: quantile(" + u + ") = " + got + ", want " + want);
            }
            // mean (φ(a) − φ(b)) / (Φ(b) − Φ(a)), the denominator from the tail it lies in
            double mass = w[0] >= 0 ? upperTail(w[0]) - upperTail(w[1]) : upperTail(-w[1]) - upperTail(-w[0]);
            double mean = (STANDARD.density(w[0]) - STANDARD.density(w[1])) / mass;
            if (!(Math.abs(d.mean() - mean) <= 1e-6)) wrong.add("N(0, 1) on [" + w[0] + ", " + w[1] + "]: mean() = " + d.mean() + ", want " + mean);
        }
        assertThat(wrong).isEmpty();
    }

    /** The u-quantile of N(0, 1) on [a, b], by bisection on upper-tail probabilities (a ≥ 0) or lower (b ≤ 0). */
    static double tailQuantile(double a, double b, double u) {
        boolean upper = a >= 0;
        // F(x) within the window, from the tail nearer the window for full precision
        java.util.function.DoubleUnaryOperator cdf = x -> {
            if (upper) {
                double qa = upperTail(a);
                double qb = upperTail(b);
                return 1 - (upperTail(x) - qb) / (qa - qb);
            }
            double pa = upperTail(-a); // Φ(a) = Q(−a)
            double pb = upperTail(-b);
            return (upperTail(-x) - pa) / (pb - pa);
        };
        double lo = a;
        double hi = b;
        for (int i = 0; i < 200 && hi - lo > 1e-13; i++) {
            double mid = (lo + hi) / 2;
            if (cdf.applyAsDouble(mid) < u) lo = mid;
            else hi = mid;
        }
        return (lo + hi) / 2;
    }

    static double upperTail(double z) {
        return org.hipparchus.special.Erf.erfc(z / Math.sqrt(2)) / 2;
    }

    @Test
    void lognormalHasTheGivenMeanAndSdOfTheVariableItself() {
        double mean = 1000;
        double sd = 400;
        Distribution.LogNormal d = new Distribution.LogNormal(mean, sd);
        // parameters of the logarithm: σ² = ln(1 + sd²/mean²), μ = ln(mean) − σ²/2
        double sigma2 = Math.log(1 + sd * sd / (mean * mean));
        double mu = Math.log(mean) - sigma2 / 2;
        assertThat(d.quantile(0.5)).as("median = exp(μ)").isCloseTo(Math.exp(mu), within(1e-9));
        LogNormalDistribution ref = new LogNormalDistribution(mu, Math.sqrt(sigma2));
        assertThat(ref.getNumericalMean()).isCloseTo(mean, within(1e-9));
        assertThat(Math.sqrt(ref.getNumericalVariance())).isCloseTo(sd, within(1e-9));
        for (double u : U) {
            double want = ref.inverseCumulativeProbability(u);
            assertThat(d.quantile(u)).as("u = " + u).isCloseTo(want, within(1e-6 * want));
        }
        assertThat(d.mean()).isEqualTo(mean);
        assertThat(expectation(d::quantile, x -> x)).as("∫ Q(u) du").isCloseTo(mean, within(1e-6));
        assertThat(Math.sqrt(expectation(d::quantile, x -> (x - mean) * (x - mean)))).as("sd")
                .isCloseTo(sd, within(1e-5));
    }

    @Test
    void uniformQuantileIsLinear() {
        Distribution.Uniform d = new Distribution.Uniform(-2, 6);
        for (double u : U) assertThat(d.quantile(u)).isCloseTo(-2 + 8 * u, within(1e-12));
        assertThat(d.mean()).isEqualTo(2);
    }

    @Test
    void triangularQuantileIsHipparchusTriangular() {
        double[][] cases = {{2, 5, 11}, {0, 0, 10}, {0, 10, 10}, {-4, -1, 0}};
        for (double[] c : cases) {
            Distribution.Triangular d = new Distribution.Triangular(c[0], c[1], c[2]);
            TriangularDistribution ref = new TriangularDistribution(c[0], c[1], c[2]);
            for (double u : U) {
                assertThat(d.quantile(u)).as("triangular(%s, %s, %s) at u = %s", c[0], c[1], c[2], u)
                        .isCloseTo(ref.inverseCumulativeProbability(u), within(1e-9 * (c[2] - c[0])));
                // and the round trip through the reference CDF
                assertThat(ref.cumulativeProbability(d.quantile(u))).isCloseTo(u, within(1e-12));
            }
            // the mode splits the probability at (mode − min) / (max − min)
            double split = (c[1] - c[0]) / (c[2] - c[0]);
            if (split > 0 && split < 1) assertThat(d.quantile(split)).isCloseTo(c[1], within(1e-12));
            assertThat(d.mean()).isCloseTo((c[0] + c[1] + c[2]) / 3, within(1e-12));
            assertThat(boundedMean(d::quantile)).isCloseTo((c[0] + c[1] + c[2]) / 3, within(1e-9));
        }
    }

    @Test
    void pertMeanIsMinPlusFourModePlusMaxOverSix() {
        double[][] cases = {{2, 5, 11}, {0, 1, 10}, {100, 180, 200}, {0, 0, 1}};
        for (double[] c : cases) {
            Distribution.Pert d = new Distribution.Pert(c[0], c[1], c[2]);
            double want = (c[0] + 4 * c[1] + c[2]) / 6;
            assertThat(d.mean()).isCloseTo(want, within(1e-12));
            assertThat(boundedMean(d::quantile)).as("∫ Q(u) du of PERT(%s, %s, %s)", c[0], c[1], c[2])
                    .isCloseTo(want, within(1e-7 * (c[2] - c[0])));
            for (double u : U) assertThat(d.quantile(u)).isBetween(c[0], c[2]);
        }
        // PERT(0, 0.5, 1) is Beta(3, 3): symmetric, median 0.5
        Distribution.Pert symmetric = new Distribution.Pert(0, 0.5, 1);
        assertThat(symmetric.quantile(0.5)).isCloseTo(0.5, within(1e-9));
        assertThat(symmetric.quantile(0.1)).isCloseTo(1 - symmetric.quantile(0.9), within(1e-9));
    }

    @Test
    void betaQuantileIsHipparchusBetaScaled() {
        Distribution.Beta d = new Distribution.Beta(2, 5, 10, 30);
        BetaDistribution ref = new BetaDistribution(2, 5);
        for (double u : U) {
            assertThat(d.quantile(u)).as("u = " + u).isCloseTo(10 + 20 * ref.inverseCumulativeProbability(u), within(1e-9));
        }
        assertThat(d.mean()).isCloseTo(10 + 20 * 2.0 / 7, within(1e-12));
        assertThat(boundedMean(d::quantile)).isCloseTo(10 + 20 * 2.0 / 7, within(1e-7));
        // closed forms: Beta(2, 1) has F(x) = x², so Q(u) = √u; Beta(1, 2) has Q(u) = 1 − √(1 − u); Beta(1, 1) is uniform
        Distribution.Beta b21 = new Distribution.Beta(2, 1, 0, 1);
        Distribution.Beta b12 = new Distribution.Beta(1, 2, 0, 1);
        Distribution.Beta b11 = new Distribution.Beta(1, 1, -1, 1);
        for (double u : U) {
            assertThat(b21.quantile(u)).isCloseTo(Math.sqrt(u), within(1e-8));
            assertThat(b12.quantile(u)).isCloseTo(1 - Math.sqrt(1 - u), within(1e-8));
            assertThat(b11.quantile(u)).isCloseTo(-1 + 2 * u, within(1e-8));
        }
    }

    @Test
    void discreteStepsAtTheCumulativeProbabilities() {
        Distribution.Discrete d = new Distribution.Discrete(new double[] {800, 1000, 1500}, new double[] {0.25, 0.5, 0.25});
        assertThat(d.quantile(1e-12)).isEqualTo(800);
        assertThat(d.quantile(0.25 - 1e-9)).isEqualTo(800);
        assertThat(d.quantile(0.25 + 1e-9)).isEqualTo(1000);
        assertThat(d.quantile(0.5)).isEqualTo(1000);
        assertThat(d.quantile(0.75 - 1e-9)).isEqualTo(1000);
        assertThat(d.quantile(0.75 + 1e-9)).isEqualTo(1500);
        assertThat(d.quantile(1 - 1e-12)).isEqualTo(1500);
        assertThat(d.mean()).isCloseTo(0.25 * 800 + 0.5 * 1000 + 0.25 * 1500, within(1e-12));
        // a uniform grid of u gives each value in proportion to its probability
        int n = 100_000;
        int[] counts = new int[3];
        for (int i = 0; i < n; i++) {
            double v = d.quantile((i + 0.5) / n);
            counts[v == 800 ? 0 : v == 1000 ? 1 : 2]++;
        }
        assertThat(counts).containsExactly(25_000, 50_000, 25_000);
        // probabilities that are not exact binary fractions still cover (0, 1): the last value takes the rest
        Distribution.Discrete tenths = new Distribution.Discrete(new double[] {1, 2, 3}, new double[] {0.1, 0.2, 0.7});
        assertThat(tenths.quantile(0.3 - 1e-9)).isEqualTo(2);
        assertThat(tenths.quantile(0.3 + 1e-9)).isEqualTo(3);
        assertThat(tenths.quantile(1 - Sampling.EDGE)).isEqualTo(3);
        assertThat(tenths.problems()).isEmpty();
    }

    @Test
    void validDistributionsHaveNoProblems() {
        assertThat(new Distribution.Normal(0, 1).problems()).isEmpty();
        assertThat(new Distribution.TruncatedNormal(0, 1, -1, 1).problems()).isEmpty();
        assertThat(new Distribution.LogNormal(1, 1).problems()).isEmpty();
        assertThat(new Distribution.Uniform(0, 1).problems()).isEmpty();
        assertThat(new Distribution.Triangular(0, 0, 1).problems()).isEmpty();
        assertThat(new Distribution.Triangular(0, 1, 1).problems()).isEmpty();
        assertThat(new Distribution.Pert(0, 0.3, 1).problems()).isEmpty();
        assertThat(new Distribution.Beta(0.5, 2, 0, 1).problems()).isEmpty();
        assertThat(new Distribution.Discrete(new double[] {1}, new double[] {1}).problems()).isEmpty();
    }

    @Test
    void problemsNameEachBrokenParameter() {
        assertThat(new Distribution.Normal(0, 0).problems()).containsExactly("sd: must be a positive number");
        assertThat(new Distribution.Normal(0, -1).problems()).containsExactly("sd: must be a positive number");
        assertThat(new Distribution.Normal(0, Double.NaN).problems()).containsExactly("sd: must be a positive number");

        assertThat(new Distribution.TruncatedNormal(0, 1, 5, 5).problems()).containsExactly("upper: must be above lower");
        assertThat(new Distribution.TruncatedNormal(0, -1, 5, 1).problems())
                .containsExactly("sd: must be a positive number", "upper: must be above lower");

        assertThat(new Distribution.LogNormal(0, 1).problems()).singleElement().asString().startsWith("mean:");
        assertThat(new Distribution.LogNormal(-5, 0).problems()).hasSize(2)
                .anyMatch(p -> p.startsWith("sd:")).anyMatch(p -> p.startsWith("mean:"));

        assertThat(new Distribution.Uniform(3, 3).problems()).containsExactly("max: must be above min");
        assertThat(new Distribution.Uniform(4, 3).problems()).containsExactly("max: must be above min");

        assertThat(new Distribution.Triangular(0, 11, 10).problems()).containsExactly("mode: must lie in [min, max]");
        assertThat(new Distribution.Triangular(0, -1, 10).problems()).containsExactly("mode: must lie in [min, max]");
        assertThat(new Distribution.Triangular(10, 5, 10).problems()).containsExactly("max: must be above min");
        assertThat(new Distribution.Pert(0, 11, 10).problems()).containsExactly("mode: must lie in [min, max]");
        assertThat(new Distribution.Pert(10, 10, 0).problems()).containsExactly("max: must be above min");

        assertThat(new Distribution.Beta(0, 2, 0, 1).problems()).containsExactly("alpha: must be a positive number");
        assertThat(new Distribution.Beta(2, -1, 0, 1).problems()).containsExactly("beta: must be a positive number");
        assertThat(new Distribution.Beta(2, 2, 1, 1).problems()).containsExactly("max: must be above min");

        assertThat(new Distribution.Discrete(new double[] {1, 2}, new double[] {0.5, 0.4}).problems())
                .singleElement().asString().startsWith("probabilities:").contains("sum to 0.9");
        assertThat(new Distribution.Discrete(new double[] {1, 2}, new double[] {0.5, 0.6}).problems())
                .singleElement().asString().startsWith("probabilities:").contains("sum to 1.1");
        assertThat(new Distribution.Discrete(new double[] {1, 2}, new double[] {1.5, -0.5}).problems())
                .hasSize(2).allMatch(p -> p.startsWith("probabilities:") && p.contains("is not a probability"));
        assertThat(new Distribution.Discrete(new double[] {1, 2, 3}, new double[] {0.5, 0.5}).problems())
                .contains("probabilities: one probability per value");
        assertThat(new Distribution.Discrete(new double[0], new double[0]).problems())
                .contains("values: give at least one value");
    }
}
