package io.parley.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import org.hipparchus.distribution.continuous.NormalDistribution;

import io.parley.engine.CompiledScenario;
import io.parley.engine.Heap;
import io.parley.engine.Metric;

/**
 * Morris screening: r random one-at-a-time trajectories through a p-level grid of each lever's range,
 * r (k + 1) evaluations in all, giving each lever's elementary effects: their mean μ (direction),
 * mean absolute value μ* (importance) and standard deviation σ (non-linearity or interaction).
 * Grid level x ∈ {0, 1/(p−1), …, 1} maps to the lever's quantile at 0.5/p + x (1 − 1/p), so unbounded
 * distributions stay finite; effects are per unit of that scaled range (the metric's change when a
 * lever moves across its whole range).
 */
public final class Morris {

    /** Grid levels a lever may be cut into: an even number, so that every start has a partner Δ away. */
    public static final int MAX_LEVELS = 100;

    private Morris() {
    }

    /** Why {@code trajectories} cannot be a screening's number of trajectories, if it cannot (σ needs two). */
    public static Optional<String> problemWithTrajectories(int trajectories) {
        return trajectories >= 2 ? Optional.empty() : Optional.of("must be a whole number, 2 or more");
    }

    /** The evaluations a screening runs: each trajectory starts at a point and moves each group once, r × (g + 1). */
    public static long evaluations(int trajectories, int groups) {
        return (long) trajectories * (groups + 1);
    }

    /** Why {@code levels} cannot be a screening's grid, if it cannot: Δ = p / (2 (p − 1)) needs p even. */
    public static Optional<String> problemWithLevels(int levels) {
        return levels >= 2 && levels % 2 == 0 && levels <= MAX_LEVELS ? Optional.empty()
                : Optional.of("must be an even whole number in 2–" + MAX_LEVELS + " (the grid levels of each lever)");
    }

    /** Resamples of the elementary effects behind the interval on μ* when a request names none (SALib's default). */
    public static final int DEFAULT_RESAMPLES = 1000;
    /** Resamples a request may name: enough for a stable sd of μ*, few enough to stay a small part of the run. */
    public static final int MIN_RESAMPLES = 10;
    public static final int MAX_RESAMPLES = 10_000;

    /** Why {@code resamples} cannot be the number of bootstrap resamples behind μ*'s interval, if it cannot. */
    public static Optional<String> problemWithResamples(int resamples) {
        return resamples >= MIN_RESAMPLES && resamples <= MAX_RESAMPLES ? Optional.empty()
                : Optional.of("must be a whole number in " + MIN_RESAMPLES + "–" + MAX_RESAMPLES);
    }
    /** The confidence of the interval on μ* when a request names none. */
    public static final double DEFAULT_CONFIDENCE = 0.95;

    /**
     * One factor's (a lever's, or a group's) effects: μ, μ*, σ; {@code muStarConf}, the half-width of
     * the bootstrap confidence interval on μ* (SALib's {@code mu_star_conf}); and the raw elementary
     * effects, one per trajectory in trajectory order.
     */
    public record Effect(String lever, double mu, double muStar, double sigma, double muStarConf,
                         List<Double> elementaryEffects) {
    }

    public record Result(Metric metric, List<Effect> effects) {
    }

    /** Every lever a factor of its own, μ*'s interval from the default resamples at the default confidence. */
    public static List<Result> run(CompiledScenario compiled, List<MonteCarlo.Uncertain> levers, List<Metric> metrics,
                                   int trajectories, int levels, long seed) {
        return run(compiled, levers, Groups.each(levers), metrics, trajectories, levels, seed, DEFAULT_RESAMPLES,
                DEFAULT_CONFIDENCE);
    }

    /**
     * Morris screening of {@code groups} of levers: at each step of a trajectory every lever of one group
     * moves up by Δ (Campolongo, Cariboni and Saltelli 2007), so r (groups + 1) evaluations. The interval
     * on μ* resamples each factor's r effects with replacement {@code resamples} times (from the seed's
     * stream, after the design is drawn) and is ± z × the sd of the resampled μ*, as SALib computes it.
     */
    public static List<Result> run(CompiledScenario compiled, List<MonteCarlo.Uncertain> levers, Groups groups,
                                   List<Metric> metrics, int trajectories, int levels, long seed, int resamples,
                                   double confidence) {
        int k = levers.size();
        int factors = groups.size();
        double delta = levels / (2.0 * (levels - 1));
        SplittableRandom random = new SplittableRandom(seed);
        double[][][] effects = new double[metrics.size()][factors][trajectories];
        int startLevels = levels / 2; // levels whose value + Δ stays on the grid
        // Trajectories are drawn a few at a time, their points evaluated at once in lanes; the draws
        // come from the stream in the same order as one trajectory at a time, and no evaluation draws.
        int points = factors + 1;
        LaneProbe probe = new LaneProbe(compiled, levers, probeCapacity(factors));
        int perChunk = probe.capacity / points;
        int[][] orders = new int[perChunk][];
        double[] x = new double[k];
        for (int first = 0; first < trajectories; first += perChunk) {
            int chunk = Math.min(perChunk, trajectories - first);
            for (int c = 0; c < chunk; c++) {
                for (int j = 0; j < k; j++) x[j] = random.nextInt(startLevels) / (double) (levels - 1);
                int[] order = Sampling.permutation(factors, random);
                orders[c] = order;
                place(probe, levers, x, levels, c * points);
                for (int step = 0; step < factors; step++) {
                    // every start level lies in [0, 1 − Δ], so each step moves up by Δ (Morris' design)
                    for (int j : groups.members()[order[step]]) x[j] += delta;
                    place(probe, levers, x, levels, c * points + step + 1);
                }
            }
            probe.evaluate(chunk * points);
            for (int m = 0; m < metrics.size(); m++) {
                double[] metric = probe.out[metrics.get(m).ordinal()];
                for (int c = 0; c < chunk; c++) {
                    for (int step = 0; step < factors; step++) {
                        int before = c * points + step;
                        effects[m][orders[c][step]][first + c] = (metric[before + 1] - metric[before]) / delta;
                    }
                }
            }
        }
        double z = new NormalDistribution(0, 1).inverseCumulativeProbability(0.5 + confidence / 2);
        List<Result> results = new ArrayList<>();
        for (int m = 0; m < metrics.size(); m++) {
            List<Effect> list = new ArrayList<>();
            for (int g = 0; g < factors; g++) {
                double[] e = effects[m][g];
                double mu = 0;
                double muStar = 0;
                for (double v : e) {
                    mu += v;
                    muStar += Math.abs(v);
                }
                mu /= e.length;
                muStar /= e.length;
                double s = 0;
                for (double v : e) s += (v - mu) * (v - mu);
                list.add(new Effect(groups.names().get(g), mu, muStar, e.length > 1 ? Math.sqrt(s / (e.length - 1)) : Double.NaN,
                        z * resampledSd(e, resamples, random), Arrays.stream(e).boxed().toList()));
            }
            list.sort(Comparator.comparingDouble((Effect ef) -> Double.isNaN(ef.muStar()) ? -1 : ef.muStar()).reversed());
            results.add(new Result(metrics.get(m), list));
        }
        return results;
    }

    /**
     * Bytes of heap a screening holds at its peak, for admission: the elementary effects (r per factor
     * and metric), the same effects boxed in the answer and written out as its text, and one factor's
     * resampled μ* at a time.
     */
    public static long heapBytes(int trajectories, int factors, int metrics, int resamples) {
        long effects = Heap.times(metrics, Heap.plus(Heap.doubles(factors), Heap.times(factors, Heap.doubles(trajectories))));
        long perEffect = Heap.BOXED_DOUBLE + Heap.NUMBER_TEXT;
        long answer = Heap.times((long) metrics * factors, Heap.plus(Heap.ARRAY, Heap.times(trajectories, perEffect)));
        return Heap.plus(Heap.plus(effects, answer), Heap.doubles(resamples));
    }

    /** As above, with the lanes the trajectories' points are evaluated in. */
    public static long heapBytes(CompiledScenario compiled, int levers, int trajectories, int factors, int metrics,
                                 int resamples) {
        long lanes = LaneProbe.heapBytes(compiled, levers, probeCapacity(factors));
        return Heap.plus(heapBytes(trajectories, factors, metrics, resamples), lanes);
    }

    /** Samples a screening's probe holds: a chunk of whole trajectories, of {@code factors} + 1 points each. */
    private static int probeCapacity(int factors) {
        return Math.max(LaneProbe.CAPACITY, factors + 1);
    }

    /** The sd of μ* = mean |e| over {@code resamples} resamples of the effects with replacement. */
    static double resampledSd(double[] effects, int resamples, SplittableRandom random) {
        double[] muStars = new double[resamples];
        double mean = 0;
        for (int b = 0; b < resamples; b++) {
            double muStar = 0;
            for (int i = 0; i < effects.length; i++) muStar += Math.abs(effects[random.nextInt(effects.length)]);
            muStars[b] = muStar / effects.length;
            mean += muStars[b];
        }
        mean /= resamples;
        double squares = 0;
        for (double v : muStars) squares += (v - mean) * (v - mean);
        return Math.sqrt(squares / (resamples - 1)); // the sample sd, as SALib's ddof=1
    }

    /** The levers at grid point {@code x} into sample {@code sample} of the probe's values. */
    private static void place(LaneProbe probe, List<MonteCarlo.Uncertain> levers, double[] x, int levels, int sample) {
        for (int j = 0; j < x.length; j++) {
            // grid level → the lever's quantile, kept off 0 and 1 by half a level
            double quantile = 0.5 / levels + x[j] * (1 - 1.0 / levels);
            probe.values[j][sample] = levers.get(j).distribution().quantile(quantile);
        }
    }
}
