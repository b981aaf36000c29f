package io.parley.analysis;

import org.hipparchus.distribution.discrete.BinomialDistribution;

/**
 * Confidence intervals that assume nothing of the metric's distribution, for figures read off
 * independent samples: a percentile's from its order statistics, a probability's by Wilson's score.
 * Latin-hypercube and Sobol samples vary less than independent ones, so there the intervals are
 * conservative (wider than they need be).
 */
public final class ConfidenceIntervals {

    private ConfidenceIntervals() {
    }

    /** An interval [low, high]; an end that the samples cannot bound is NaN (null in JSON). */
    public record Interval(double low, double high) {
        /** Half the width; NaN when an end is unbounded. */
        public double halfWidth() {
            return (high - low) / 2;
        }
    }

    /**
     * The distribution-free interval for the p-quantile ξ_p from n sorted independent samples: the
     * order statistics [x_(l), x_(u)] (1-based) with B ~ Binomial(n, p) the count of samples ≤ ξ_p,
     * l the least k with P(B ≤ k) ≥ α/2 and u one past the least k with P(B ≤ k) ≥ 1 − α/2, α = 1 −
     * confidence. Then x_(l) ≤ ξ_p ≤ x_(u) whenever l ≤ B ≤ u − 1, which has probability ≥ confidence.
     * An index outside 1 … n leaves that end unbounded.
     */
    public static Interval percentile(double[] sorted, double p, double confidence) {
        int n = sorted.length;
        if (n == 0) return new Interval(Double.NaN, Double.NaN);
        double alpha = 1 - confidence;
        BinomialDistribution b = new BinomialDistribution(n, p);
        int lower = b.inverseCumulativeProbability(alpha / 2);
        int upper = b.inverseCumulativeProbability(1 - alpha / 2) + 1;
        return new Interval(lower >= 1 ? sorted[lower - 1] : Double.NaN, upper <= n ? sorted[upper - 1] : Double.NaN);
    }

    /**
     * Wilson's score interval for a probability seen {@code hits} times in {@code n} independent
     * samples: (p̂ + z²/2n ± z √(p̂(1 − p̂)/n + z²/4n²)) / (1 + z²/n), z the two-sided normal quantile.
     * Unlike p̂ ± z √(p̂(1 − p̂)/n) it stays within [0, 1] and is not empty when p̂ is 0 or 1.
     */
    public static Interval proportion(long hits, long n, double confidence) {
        if (n == 0) return new Interval(Double.NaN, Double.NaN);
        double z = NormalQuantile.of(0.5 + confidence / 2);
        double phat = (double) hits / n;
        double z2n = z * z / n;
        double centre = (phat + z2n / 2) / (1 + z2n);
        double half = z * Math.sqrt(phat * (1 - phat) / n + z2n / (4.0 * n)) / (1 + z2n);
        // with no hits (or all) the lower (upper) end is 0 (1) exactly — centre and half are both z²/2n
        // over 1 + z²/n — which rounding of the two sides need not give
        return new Interval(hits == 0 ? 0 : Math.max(0, centre - half), hits == n ? 1 : Math.min(1, centre + half));
    }
}
