package io.parley.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.hipparchus.distribution.continuous.BetaDistribution;
import org.hipparchus.distribution.continuous.NormalDistribution;

/**
 * What is known about an uncertain lever: a probability distribution, sampled by its quantile
 * function (inverse CDF) so that plain, Latin-hypercube and Sobol sampling all work the same way.
 * Parameters are checked by {@link #problems()}, which names each rule broken.
 */
public sealed interface Distribution {

    /** The value below which a share {@code u} (in (0, 1)) of outcomes fall. */
    double quantile(double u);

    /**
     * {@code out[i] = quantile(u[i])} for the first {@code count} shares, to the last bit: a column of
     * samples at once, which the common laws override with one loop of their own so that it stays tight.
     * {@code out} is another array than {@code u}.
     */
    default void quantiles(double[] u, int count, double[] out) {
        for (int i = 0; i < count; i++) out[i] = quantile(u[i]);
    }

    /** The expected value. */
    double mean();

    /** Every parameter rule this distribution breaks, as "field: message"; empty when valid. */
    List<String> problems();

    /**
     * The values that bound every value a run can draw: a discrete distribution's every value, else
     * the quantiles at the outermost uniforms a run draws ({@link Sampling#EDGE}). A lever whose rules
     * are intervals accepts every draw when it accepts these.
     */
    default double[] extremes() {
        return this instanceof Discrete d ? d.values().clone()
                : new double[] {quantile(Sampling.EDGE), quantile(1 - Sampling.EDGE)};
    }

    /**
     * A law with a cumulative distribution function, so it can be cut to a window: the inverse of
     * {@link #quantile} wherever the density is positive.
     */
    sealed interface Continuous extends Distribution {
        /** P(X ≤ x). */
        double cumulative(double x);
    }

    /**
     * The law {@code law} cut to [lower, upper] (either may be infinite): its probability spread over the
     * window, Q_T(u) = Q(F(lower) + u (F(upper) − F(lower))). A normal is cut by {@link TruncatedNormal},
     * which works in the nearer tail; every other law through its own CDF, exact to the rounding of F.
     */
    static Distribution truncated(Continuous law, double lower, double upper) {
        return law instanceof Normal n ? new TruncatedNormal(n.mean(), n.sd(), lower, upper)
                : new Truncated(law, lower, upper);
    }

    /** Normal with mean and standard deviation (> 0). */
    record Normal(double mean, double sd) implements Continuous {
        public double quantile(double u) {
            return mean + sd * NormalQuantile.of(u);
        }

        @Override
        public void quantiles(double[] u, int count, double[] out) {
            NormalQuantile.of(u, count, out);
            for (int i = 0; i < count; i++) out[i] = mean + sd * out[i];
        }

        public double cumulative(double x) {
            return STANDARD.cumulativeProbability((x - mean) / sd);
        }

        public List<String> problems() {
            return positive("sd", sd);
        }
    }

    /**
     * Normal with mean and sd, truncated to [lower, upper]. A window above the mean is worked in the
     * mirrored lower tail, where the normal's probabilities are not rounded towards 1.
     */
    record TruncatedNormal(double mean, double sd, double lower, double upper) implements Distribution {
        /** Least probability the window may hold: beyond about 6 sd the parameters are surely a slip. */
        static final double MIN_MASS = 1e-9;

        public double quantile(double u) {
            double alpha = (lower - mean) / sd;
            double beta = (upper - mean) / sd;
            if (alpha + beta > 0) {
                // mirror: Q(u) on [α, β] = −Q'(1 − u) on [−β, −α]
                double a = STANDARD.cumulativeProbability(-beta);
                double b = STANDARD.cumulativeProbability(-alpha);
                double z = -NormalQuantile.of(a + (1 - u) * (b - a));
                return Math.min(upper, Math.max(lower, mean + sd * z));
            }
            double a = STANDARD.cumulativeProbability(alpha);
            double b = STANDARD.cumulativeProbability(beta);
            return Math.min(upper, Math.max(lower, mean + sd * NormalQuantile.of(a + u * (b - a))));
        }

        public double mean() {
            // μ + σ (φ(α) − φ(β)) / Z, with Z the window's probability, taken from the nearer tail
            double alpha = (lower - mean) / sd;
            double beta = (upper - mean) / sd;
            return mean + sd * (STANDARD.density(alpha) - STANDARD.density(beta)) / mass(alpha, beta);
        }

        private static double mass(double alpha, double beta) {
            return alpha + beta > 0
                    ? STANDARD.cumulativeProbability(-alpha) - STANDARD.cumulativeProbability(-beta)
                    : STANDARD.cumulativeProbability(beta) - STANDARD.cumulativeProbability(alpha);
        }

        public List<String> problems() {
            List<String> p = new ArrayList<>(positive("sd", sd));
            if (!(lower < upper)) p.add("upper: must be above lower");
            if (p.isEmpty() && !(mass((lower - mean) / sd, (upper - mean) / sd) >= MIN_MASS)) {
                p.add("lower: the window [lower, upper] holds less than " + MIN_MASS + " of the normal's probability "
                        + "(it lies some 6 sd or more from the mean); check mean and sd");
            }
            return p;
        }
    }

    /** Lognormal given by the mean and standard deviation of the lever itself (not of its logarithm). */
    record LogNormal(double mean, double sd) implements Continuous {
        public double quantile(double u) {
            // exp(μ + σ z) with σ² = ln(1 + sd²/mean²), μ = ln(mean) − σ²/2
            double sigma2 = Math.log(1 + sd * sd / (mean * mean));
            return Math.exp(Math.log(mean) - sigma2 / 2 + Math.sqrt(sigma2) * NormalQuantile.of(u));
        }

        public double cumulative(double x) {
            if (!(x > 0)) return 0;
            double sigma2 = Math.log(1 + sd * sd / (mean * mean));
            return STANDARD.cumulativeProbability((Math.log(x) - Math.log(mean) + sigma2 / 2) / Math.sqrt(sigma2));
        }

        public List<String> problems() {
            List<String> p = new ArrayList<>(positive("sd", sd));
            if (!(mean > 0)) p.add("mean: a lognormal quantity is positive; the mean must be > 0");
            return p;
        }
    }

    /** Uniform on [min, max]. */
    record Uniform(double min, double max) implements Continuous {
        public double quantile(double u) {
            return min + u * (max - min);
        }

        @Override
        public void quantiles(double[] u, int count, double[] out) {
            for (int i = 0; i < count; i++) out[i] = min + u[i] * (max - min);
        }

        public double cumulative(double x) {
            return Math.min(1, Math.max(0, (x - min) / (max - min)));
        }

        public double mean() {
            return (min + max) / 2;
        }

        public List<String> problems() {
            return min < max ? List.of() : List.of("max: must be above min");
        }
    }

    /** Triangular with min ≤ mode ≤ max. */
    record Triangular(double min, double mode, double max) implements Continuous {
        public double quantile(double u) {
            // the inverse of the piecewise-quadratic CDF, in closed form
            double range = max - min;
            double split = (mode - min) / range;
            return u < split ? min + Math.sqrt(u * range * (mode - min))
                    : max - Math.sqrt((1 - u) * range * (max - mode));
        }

        @Override
        public void quantiles(double[] u, int count, double[] out) {
            double range = max - min;
            double split = (mode - min) / range;
            // quantile's two sides as selects around one square root, the roots in a loop of their own that
            // C2 vectorises: one at a time they were most of the time of a triangular lever's draws
            for (int i = 0; i < count; i++) {
                out[i] = u[i] < split ? u[i] * range * (mode - min) : (1 - u[i]) * range * (max - mode);
            }
            for (int i = 0; i < count; i++) out[i] = Math.sqrt(out[i]);
            for (int i = 0; i < count; i++) out[i] = u[i] < split ? min + out[i] : max - out[i];
        }

        public double cumulative(double x) {
            // (x − min)² / ((max − min)(mode − min)) up to the mode, 1 − (max − x)² / ((max − min)(max − mode)) after
            if (x <= min) return 0;
            if (x >= max) return 1;
            double range = max - min;
            return x <= mode ? (x - min) * (x - min) / (range * (mode - min))
                    : 1 - (max - x) * (max - x) / (range * (max - mode));
        }

        public double mean() {
            return (min + mode + max) / 3;
        }

        public List<String> problems() {
            return orderedThree(min, mode, max);
        }
    }

    /**
     * PERT: a beta distribution on [min, max] shaped by the most likely value, weight 4. The beta is
     * built once, with the parameters, not on every quantile.
     */
    final class Pert implements Continuous {
        private final double min;
        private final double mode;
        private final double max;
        private final BetaDistribution unit; // null while the parameters break a rule (see problems())

        public Pert(double min, double mode, double max) {
            this.min = min;
            this.mode = mode;
            this.max = max;
            double range = max - min;
            this.unit = problems().isEmpty()
                    ? new BetaDistribution(1 + 4 * (mode - min) / range, 1 + 4 * (max - mode) / range) : null;
        }

        public double quantile(double u) {
            return min + (max - min) * valid(unit).inverseCumulativeProbability(u);
        }

        public double mean() {
            return (min + 4 * mode + max) / 6;
        }

        public double cumulative(double x) {
            return valid(unit).cumulativeProbability(Math.min(1, Math.max(0, (x - min) / (max - min))));
        }

        public List<String> problems() {
            return orderedThree(min, mode, max);
        }

        @Override
        public String toString() {
            return "Pert[min=" + min + ", mode=" + mode + ", max=" + max + "]";
        }
    }

    /** Beta(alpha, beta) scaled to [min, max] (default [0, 1]), its unit beta built once. */
    final class Beta implements Continuous {
        private final double alpha;
        private final double beta;
        private final double min;
        private final double max;
        private final BetaDistribution unit; // null while the parameters break a rule (see problems())

        public Beta(double alpha, double beta, double min, double max) {
            this.alpha = alpha;
            this.beta = beta;
            this.min = min;
            this.max = max;
            this.unit = problems().isEmpty() ? new BetaDistribution(alpha, beta) : null;
        }

        public double quantile(double u) {
            return min + (max - min) * valid(unit).inverseCumulativeProbability(u);
        }

        public double mean() {
            return min + (max - min) * alpha / (alpha + beta);
        }

        public double cumulative(double x) {
            return valid(unit).cumulativeProbability(Math.min(1, Math.max(0, (x - min) / (max - min))));
        }

        public List<String> problems() {
            List<String> p = new ArrayList<>(positive("alpha", alpha));
            p.addAll(positive("beta", beta));
            if (!(min < max)) p.add("max: must be above min");
            return p;
        }

        @Override
        public String toString() {
            return "Beta[alpha=" + alpha + ", beta=" + beta + ", min=" + min + ", max=" + max + "]";
        }
    }

    /**
     * A continuous law cut to [lower, upper]: the probability of the window spread over it. The
     * window's bounds are the law's CDF at lower and upper, found once.
     */
    final class Truncated implements Distribution {
        /** Intervals of the Simpson rule for the mean: the CDFs here are smooth but for a triangle's kink. */
        private static final int MEAN_INTERVALS = 1 << 14;

        private final Continuous law;
        private final double lower;
        private final double upper;
        private final double from; // F(lower)
        private final double to;   // F(upper)

        Truncated(Continuous law, double lower, double upper) {
            this.law = law;
            this.lower = lower;
            this.upper = upper;
            boolean valid = law.problems().isEmpty() && lower < upper;
            this.from = valid ? law.cumulative(lower) : Double.NaN;
            this.to = valid ? law.cumulative(upper) : Double.NaN;
        }

        public double quantile(double u) {
            return Math.min(upper, Math.max(lower, law.quantile(from + u * (to - from))));
        }

        /**
         * E[X] = a + ∫_a^b (1 − F_T(x)) dx over the range [a, b] a run draws from (the tails beyond
         * {@link Sampling#EDGE} weigh nothing a figure shows), by Simpson's rule.
         */
        public double mean() {
            double a = quantile(Sampling.EDGE);
            double b = quantile(1 - Sampling.EDGE);
            double h = (b - a) / MEAN_INTERVALS;
            double sum = 0;
            for (int i = 0; i <= MEAN_INTERVALS; i++) {
                double above = 1 - Math.min(1, Math.max(0, (law.cumulative(a + i * h) - from) / (to - from)));
                sum += above * (i == 0 || i == MEAN_INTERVALS ? 1 : i % 2 == 1 ? 4 : 2);
            }
            return a + sum * h / 3;
        }

        public List<String> problems() {
            List<String> p = new ArrayList<>(law.problems());
            if (Double.isNaN(lower) || Double.isNaN(upper)) p.add("lower: the window's bounds must be numbers");
            else if (!(lower < upper)) p.add("upper: must be above lower");
            else if (p.isEmpty() && !(to - from >= TruncatedNormal.MIN_MASS)) {
                p.add("lower: the window [lower, upper] holds " + (to - from) + " of the distribution's probability, "
                        + "less than " + TruncatedNormal.MIN_MASS + "; check the window against the parameters");
            }
            return p;
        }

        @Override
        public String toString() {
            return "Truncated[" + law + ", lower=" + lower + ", upper=" + upper + "]";
        }
    }

    /**
     * Log-uniform on [min, max] (0 < min < max): the logarithm is uniform, so each factor of ten in
     * the range is equally likely ("somewhere between 10 k and 1 M"). Q(u) = min (max/min)^u,
     * mean (max − min) / ln(max/min).
     */
    final class LogUniform implements Continuous {
        private final double min;
        private final double max;
        private final double logRatio; // ln(max / min)

        public LogUniform(double min, double max) {
            this.min = min;
            this.max = max;
            this.logRatio = Math.log(max / min);
        }

        public double quantile(double u) {
            return Math.min(max, min * Math.exp(u * logRatio));
        }

        public double cumulative(double x) {
            return x <= min ? 0 : x >= max ? 1 : Math.log(x / min) / logRatio;
        }

        public double mean() {
            return (max - min) / logRatio;
        }

        public List<String> problems() {
            List<String> p = new ArrayList<>();
            if (!(min > 0 && Double.isFinite(min))) p.add("min: a log-uniform quantity is positive; min must be > 0");
            if (!(max > min && Double.isFinite(max))) p.add("max: must be above min (and a finite number)");
            return p;
        }

        @Override
        public String toString() {
            return "LogUniform[min=" + min + ", max=" + max + "]";
        }
    }

    /**
     * The empirical distribution of a sample: each given value equally likely (a value given twice,
     * twice as likely), Q(u) the ⌊u n⌋-th smallest; the mean is the sample's mean.
     */
    final class Empirical implements Distribution {
        private final double[] sorted;

        public Empirical(double[] values) {
            this.sorted = values.clone();
            Arrays.sort(sorted);
        }

        public double quantile(double u) {
            return sorted[Math.min(sorted.length - 1, Math.max(0, (int) (u * sorted.length)))];
        }

        public double mean() {
            double sum = 0;
            for (double v : sorted) sum += v;
            return sum / sorted.length;
        }

        public List<String> problems() {
            if (sorted.length == 0) return List.of("values: give at least one value");
            for (double v : sorted) {
                if (!Double.isFinite(v)) return List.of("values: " + v + " is not a finite number");
            }
            return List.of();
        }

        @Override
        public String toString() {
            return "Empirical" + Arrays.toString(sorted);
        }
    }

    /**
     * A cumulative distribution drawn through points: P(X ≤ values[i]) = probabilities[i], linear in
     * between (so uniform within each segment). The values ascend strictly, the probabilities rise
     * from 0 at the first value to 1 at the last.
     */
    final class Cumulative implements Continuous {
        private final double[] values;
        private final double[] probabilities;

        public Cumulative(double[] values, double[] probabilities) {
            this.values = values.clone();
            this.probabilities = probabilities.clone();
        }

        public double quantile(double u) {
            int i = segment(probabilities, u);
            double width = probabilities[i + 1] - probabilities[i];
            if (width == 0) return values[i + 1];
            return values[i] + (u - probabilities[i]) / width * (values[i + 1] - values[i]);
        }

        public double cumulative(double x) {
            if (x <= values[0]) return 0;
            if (x >= values[values.length - 1]) return 1;
            int i = segment(values, x);
            return probabilities[i] + (x - values[i]) / (values[i + 1] - values[i]) * (probabilities[i + 1] - probabilities[i]);
        }

        /** The last i ≤ n − 2 with points[i] ≤ x: a binary search, allocation-free. */
        private static int segment(double[] points, double x) {
            int lo = 0;
            int hi = points.length - 2;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (points[mid] <= x) lo = mid;
                else hi = mid - 1;
            }
            return lo;
        }

        public double mean() {
            // each segment is uniform: its probability × its midpoint
            double m = 0;
            for (int i = 0; i + 1 < values.length; i++) {
                m += (probabilities[i + 1] - probabilities[i]) * (values[i] + values[i + 1]) / 2;
            }
            return m;
        }

        public List<String> problems() {
            List<String> p = new ArrayList<>();
            if (values.length < 2) p.add("values: give at least two points, the least and the greatest value");
            if (values.length != probabilities.length) p.add("probabilities: one cumulative probability per value");
            if (!p.isEmpty()) return p;
            for (int i = 0; i < values.length; i++) {
                if (!Double.isFinite(values[i])) p.add("values: " + values[i] + " is not a finite number");
                else if (i > 0 && !(values[i] > values[i - 1])) {
                    p.add("values: must ascend strictly; " + values[i] + " follows " + values[i - 1]);
                }
                if (!(probabilities[i] >= 0 && probabilities[i] <= 1)) {
                    p.add("probabilities: " + probabilities[i] + " is not a probability in [0, 1]");
                } else if (i > 0 && probabilities[i] < probabilities[i - 1]) {
                    p.add("probabilities: a cumulative probability cannot fall; " + probabilities[i] + " follows "
                            + probabilities[i - 1]);
                }
            }
            if (probabilities[0] != 0) p.add("probabilities: the first must be 0 (nothing lies below the least value)");
            if (probabilities[probabilities.length - 1] != 1) {
                p.add("probabilities: the last must be 1 (nothing lies above the greatest value)");
            }
            return p;
        }

        @Override
        public String toString() {
            return "Cumulative[values=" + Arrays.toString(values) + ", probabilities=" + Arrays.toString(probabilities) + "]";
        }
    }

    /** One of a few values, each with its probability (summing to 1). */
    record Discrete(double[] values, double[] probabilities) implements Distribution {
        /** Probabilities must sum to 1 within this. */
        static final double SUM_TOLERANCE = 1e-9;

        public double quantile(double u) {
            double cumulative = 0;
            for (int i = 0; i < values.length; i++) {
                cumulative += probabilities[i];
                if (u < cumulative) return values[i];
            }
            return values[values.length - 1];
        }

        public double mean() {
            double m = 0;
            for (int i = 0; i < values.length; i++) m += values[i] * probabilities[i];
            return m;
        }

        public List<String> problems() {
            List<String> p = new ArrayList<>();
            if (values.length == 0) p.add("values: give at least one value");
            if (values.length != probabilities.length) p.add("probabilities: one probability per value");
            double sum = 0;
            for (double q : probabilities) {
                if (!(q >= 0 && q <= 1)) p.add("probabilities: " + q + " is not a probability in [0, 1]");
                sum += q;
            }
            if (Math.abs(sum - 1) > SUM_TOLERANCE) p.add("probabilities: they sum to " + sum + ", not 1");
            return p;
        }
    }

    NormalDistribution STANDARD = new NormalDistribution(0, 1);

    private static BetaDistribution valid(BetaDistribution unit) {
        if (unit == null) throw new IllegalStateException("the parameters break a rule; see problems()");
        return unit;
    }

    private static List<String> positive(String field, double v) {
        return v > 0 && Double.isFinite(v) ? List.of() : List.of(field + ": must be a positive number");
    }

    private static List<String> orderedThree(double min, double mode, double max) {
        if (!(min < max)) return List.of("max: must be above min");
        if (!(min <= mode && mode <= max)) return List.of("mode: must lie in [min, max]");
        // the shape is computed from max − min and 4 × mode: past that, the arithmetic overflows
        if (!Double.isFinite(max - min) || !Double.isFinite(4 * mode)) {
            return List.of("max: the spread max − min and 4 × mode must stay within the range of a number (about 1.8e308)");
        }
        return List.of();
    }
}
