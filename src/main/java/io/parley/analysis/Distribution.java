package io.parley.analysis;

import java.util.ArrayList;
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

    /** Normal with mean and standard deviation (> 0). */
    record Normal(double mean, double sd) implements Distribution {
        public double quantile(double u) {
            return mean + sd * STANDARD.inverseCumulativeProbability(u);
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
                double z = -STANDARD.inverseCumulativeProbability(a + (1 - u) * (b - a));
                return Math.min(upper, Math.max(lower, mean + sd * z));
            }
            double a = STANDARD.cumulativeProbability(alpha);
            double b = STANDARD.cumulativeProbability(beta);
            return Math.min(upper, Math.max(lower, mean + sd * STANDARD.inverseCumulativeProbability(a + u * (b - a))));
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
    record LogNormal(double mean, double sd) implements Distribution {
        public double quantile(double u) {
            // exp(μ + σ z) with σ² = ln(1 + sd²/mean²), μ = ln(mean) − σ²/2
            double sigma2 = Math.log(1 + sd * sd / (mean * mean));
            return Math.exp(Math.log(mean) - sigma2 / 2 + Math.sqrt(sigma2) * STANDARD.inverseCumulativeProbability(u));
        }

        public List<String> problems() {
            List<String> p = new ArrayList<>(positive("sd", sd));
            if (!(mean > 0)) p.add("mean: a lognormal quantity is positive; the mean must be > 0");
            return p;
        }
    }

    /** Uniform on [min, max]. */
    record Uniform(double min, double max) implements Distribution {
        public double quantile(double u) {
            return min + u * (max - min);
        }

        public double mean() {
            return (min + max) / 2;
        }

        public List<String> problems() {
            return min < max ? List.of() : List.of("max: must be above min");
        }
    }

    /** Triangular with min ≤ mode ≤ max. */
    record Triangular(double min, double mode, double max) implements Distribution {
        public double quantile(double u) {
            // the inverse of the piecewise-quadratic CDF, in closed form
            double range = max - min;
            double split = (mode - min) / range;
            return u < split ? min + Math.sqrt(u * range * (mode - min))
                    : max - Math.sqrt((1 - u) * range * (max - mode));
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
    final class Pert implements Distribution {
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

        public List<String> problems() {
            return orderedThree(min, mode, max);
        }

        @Override
        public String toString() {
            return "Pert[min=" + min + ", mode=" + mode + ", max=" + max + "]";
        }
    }

    /** Beta(alpha, beta) scaled to [min, max] (default [0, 1]), its unit beta built once. */
    final class Beta implements Distribution {
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
