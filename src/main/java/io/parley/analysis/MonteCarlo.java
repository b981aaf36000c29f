package io.parley.analysis;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;

import io.parley.engine.BatchEvaluator;
import io.parley.engine.CompiledScenario;
import io.parley.engine.Metric;
import io.parley.model.Numbers;

/**
 * Monte Carlo simulation: uncertain levers drawn from their distributions (optionally rank-correlated),
 * the scenario evaluated for each sample, and the distribution of each metric summarised. Samples are
 * computed in blocks on every core; each sample depends only on the seed and its index, and every
 * statistic is formed in sample order, or per fixed block of samples with the blocks' sums added in
 * block order, or from a sort (whose result does not depend on how it was split), so results do not
 * change with the thread count.
 */
public final class MonteCarlo {

    /** Blocks evaluated between two checks of a precision target: 16 × 8192 = 131,072 samples. */
    static final int BLOCKS_PER_ROUND = 16;
    public static final double[] DEFAULT_PERCENTILES = {0.05, 0.10, 0.50, 0.90, 0.95};
    public static final int DEFAULT_HISTOGRAM_BINS = 20;
    /** Bins a histogram may have: more than a chart can show is a slip. */
    public static final int MAX_HISTOGRAM_BINS = 1000;
    /** Confidence of the intervals on percentiles and probabilities when a request names none. */
    public static final double DEFAULT_CONFIDENCE = 0.95;
    /** Equal-count bins of each lever for the change in the metric's mean: deciles, as @RISK draws them. */
    public static final int DEFAULT_MEAN_CHANGE_BINS = 10;
    /** Bins of the change in the mean a request may ask: past 100 a bin of a small run holds a handful. */
    public static final int MAX_MEAN_CHANGE_BINS = 100;

    private MonteCarlo() {
    }

    /** The samples asked for as a whole number, or −1 when {@code asked} is not whole. */
    public static long samples(double asked) {
        return asked == Math.rint(asked) ? (long) asked : -1;
    }

    /** Why {@code asked} cannot be a run's number of samples, if it cannot (a spread needs two). */
    public static Optional<String> problemWithSamples(double asked) {
        return Double.isNaN(asked) || samples(asked) >= 2 ? Optional.empty()   // NaN: not a number, said where it was read
                : Optional.of(Numbers.plain(asked) + " is not a whole number of samples, 2 or more");
    }

    /** Why {@code p} cannot be a percentile asked for, if it cannot. */
    public static Optional<String> problemWithPercentile(double p) {
        return p >= 0 && p <= 1 ? Optional.empty() : Optional.of(Numbers.plain(p) + " is not in [0, 1] (0.05 is P5)");
    }

    /** Why {@code bins} cannot be a histogram's number of bins, if it cannot. */
    public static Optional<String> problemWithHistogramBins(int bins) {
        return bins >= 1 && bins <= MAX_HISTOGRAM_BINS ? Optional.empty()
                : Optional.of("must be a whole number in 1–" + MAX_HISTOGRAM_BINS);
    }

    /** Why {@code bins} cannot be the number of bins of the change in the mean, if it cannot. */
    public static Optional<String> problemWithMeanChangeBins(int bins) {
        return bins >= 2 && bins <= MAX_MEAN_CHANGE_BINS ? Optional.empty()
                : Optional.of("must be a whole number in 2–" + MAX_MEAN_CHANGE_BINS + " (10 bins are tenths)");
    }

    /** A lever and what is known about it. */
    public record Uncertain(BoundLever lever, Distribution distribution) {
    }

    /**
     * Stop early once the confidence interval of a figure of {@code metric} is narrow enough: of its mean,
     * or of its {@code percentile} when that is a number (the order-statistic interval of
     * {@link ConfidenceIntervals#percentile}). Narrow enough is a half-width within ± relativeHalfWidth ×
     * |figure|, or, when {@code halfWidth} is a number instead, within ± halfWidth in the metric's unit.
     */
    public record Precision(Metric metric, double relativeHalfWidth, double confidence, double percentile,
                            double halfWidth) {
        /** A target on the mean, relative to it. */
        public Precision(Metric metric, double relativeHalfWidth, double confidence) {
            this(metric, relativeHalfWidth, confidence, Double.NaN, Double.NaN);
        }

        boolean met(double figure, double halfWidthFound) {
            return Double.isNaN(halfWidth) ? halfWidthFound <= relativeHalfWidth * Math.abs(figure)
                    : halfWidthFound <= halfWidth;
        }

        /** Why {@code width} cannot be a relative half-width to reach, if it cannot. */
        public static Optional<String> problemWithRelativeHalfWidth(double width) {
            return width > 0 ? Optional.empty() : Optional.of("must be positive, e.g. 0.01 for ±1 %");
        }

        /** Why {@code width} cannot be a half-width in the metric's unit, if it cannot. */
        public static Optional<String> problemWithHalfWidth(double width) {
            return width > 0 ? Optional.empty()
                    : Optional.of(Numbers.plain(width) + " is not positive; give the half-width in the metric's unit");
        }

        /** Why {@code p} cannot be the percentile whose interval is narrowed, if it cannot: P0 and P100 have no interval. */
        public static Optional<String> problemWithPercentile(double p) {
            return p > 0 && p < 1 ? Optional.empty() : Optional.of(Numbers.plain(p) + " is not in (0, 1) (0.9 is P90)");
        }

        /** Why {@code confidence} cannot be the level of the interval to narrow, if it cannot. */
        public static Optional<String> problemWithConfidence(double confidence) {
            return SobolIndices.isConfidenceLevel(confidence) ? Optional.empty() : Optional.of("must lie in (0, 1)");
        }
    }

    /** The probability that {@code metric} is below (or above) {@code value}. */
    public record Threshold(Metric metric, boolean below, double value) {
    }

    /**
     * {@code confidence}: of the intervals on percentiles and threshold probabilities;
     * {@code meanChangeBins}: the equal-count bins of each lever for {@link MeanChange}.
     */
    public record Config(long samples, Sampling.Method method, long seed, int threads, RankCorrelation correlation,
                         Precision precision, double[] percentiles, List<Threshold> thresholds, int histogramBins,
                         double confidence, int meanChangeBins) {
        public Config(long samples, Sampling.Method method, long seed, int threads, RankCorrelation correlation,
                      Precision precision, double[] percentiles, List<Threshold> thresholds, int histogramBins) {
            this(samples, method, seed, threads, correlation, precision, percentiles, thresholds, histogramBins,
                    DEFAULT_CONFIDENCE, DEFAULT_MEAN_CHANGE_BINS);
        }
    }

    /**
     * How much of a metric's spread a lever explains: standardised regression coefficient, Pearson
     * correlation, and Spearman rank correlation (Pearson's on ranks, ties given their average rank).
     * {@code contributionToVariance} is the lever's squared standardised coefficient over the sum of all
     * levers' squares, {@code rankContributionToVariance} the same of the rank correlations: shares adding
     * up to 1, as @RISK's "contribution to variance" (exact for a metric linear in independent levers).
     */
    public record Contribution(String lever, double standardisedCoefficient, double correlation,
                               double rankCorrelation, double contributionToVariance,
                               double rankContributionToVariance) {
    }

    /**
     * The metric's mean within each of equal-count bins of a lever's samples, from the lever's lowest
     * values to its highest: @RISK's "change in output mean" tornado draws each lever's bar from the
     * least to the greatest of these. {@code lowBinMean}/{@code highBinMean} are those of the first and
     * last bins holding samples: a tie shares its average rank, so a discrete lever's samples of one value
     * fill one bin and leave others empty (their mean NaN).
     */
    public record MeanChange(String lever, double[] binMeans, double lowBinMean, double highBinMean) {
        /** The tornado bar's length: the greatest bin mean less the least. */
        public double spread() {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double m : binMeans) {
                if (Double.isNaN(m)) continue;
                lo = Math.min(lo, m);
                hi = Math.max(hi, m);
            }
            return hi >= lo ? hi - lo : Double.NaN;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof MeanChange m && lever.equals(m.lever) && Arrays.equals(binMeans, m.binMeans)
                    && Double.compare(lowBinMean, m.lowBinMean) == 0 && Double.compare(highBinMean, m.highBinMean) == 0;
        }

        @Override
        public int hashCode() {
            return lever.hashCode() * 31 + Arrays.hashCode(binMeans);
        }

        @Override
        public String toString() {
            return "MeanChange[" + lever + ", " + Arrays.toString(binMeans) + "]";
        }
    }

    /**
     * The lower tail of a metric at level {@code level} (a profit figure: losses lie low).
     * {@code valueAtRisk} is the level's percentile (the same interpolation as the percentiles);
     * {@code conditionalValueAtRisk} the mean of the samples at or below it, so never above it.
     */
    public record TailRisk(double level, double valueAtRisk, double conditionalValueAtRisk) {
    }

    public record Histogram(double[] edges, long[] counts) {
    }

    /**
     * One metric's distribution. {@code nulls}: samples where the metric is null (excluded from the rest).
     * {@code skewness} and {@code excessKurtosis} are the bias-adjusted sample estimators G1 and G2 (Excel's
     * SKEW and KURT, SciPy's {@code bias=False}); both are 0 for a normal metric. {@code tailRisks} follow
     * the percentile levels asked, in order.
     */
    public record Summary(Metric metric, long count, long nulls, double mean, double sd, double standardError,
                          double min, double max, double[] percentiles, double[] probabilities, Histogram histogram,
                          List<Contribution> contributions, double skewness, double excessKurtosis,
                          List<TailRisk> tailRisks, List<ConfidenceIntervals.Interval> percentileIntervals,
                          List<ConfidenceIntervals.Interval> probabilityIntervals, List<MeanChange> meanChanges) {
    }

    public record Result(long samples, boolean stoppedByPrecision, List<Summary> metrics) {
    }

    /**
     * Bytes of heap a summarised run holds at its peak, for admission: per sample, each lever's value
     * and rank and each metric's value (8 bytes each), the metric being summarised sorted and ranked
     * (8 + 8), and the sort keys and order (8 + 4) of each thread ranking at once. The sampling method
     * adds nothing per sample (a Latin hypercube's strata are computed, not held: {@link Sampling}).
     */
    public static long heapBytes(long samples, int levers, int metrics, int threads) {
        long perSample = 16L * levers + 8L * metrics + 16 + 12L * threads;
        return samples * perSample;
    }

    /** Runs the simulation on a pool of {@code config.threads()} threads of its own. */
    public static Result run(CompiledScenario compiled, List<Uncertain> levers, List<Metric> metrics, Config config) {
        return Blocks.onOwnPool(config.threads(), pool -> run(compiled, levers, metrics, config, pool));
    }

    /** Runs the simulation on a shared executor ({@code config.threads()} is then unused); the result is the same. */
    public static Result run(CompiledScenario compiled, List<Uncertain> levers, List<Metric> metrics, Config config,
                             ExecutorService executor) {
        int n = (int) config.samples();
        Sampling sampling = new Sampling(config.method(), config.seed(), levers.size(), config.samples());
        double[][] inputs = perSample(levers.size(), n, executor);
        double[][] outputs = perSample(metrics.size(), n, executor);
        // a Latin hypercube's strata, written as the samples are drawn, become its levers' ranks
        double[][] strata = sampling.hasStrata() && config.correlation() == null
                ? perSample(levers.size(), n, executor) : null;
        int blocks = (n + Sampling.BLOCK - 1) / Sampling.BLOCK;
        int done = 0;
        boolean precise = false;
        Queue<Draws> idle = new ConcurrentLinkedQueue<>(); // one set of buffers per thread at work, reused
        while (done < blocks && !precise) {
            int until = config.precision() == null ? blocks : Math.min(blocks, done + BLOCKS_PER_ROUND);
            Blocks.run(executor, done, until, block -> {
                Draws draws = Optional.ofNullable(idle.poll()).orElseGet(() -> new Draws(compiled, levers));
                long first = (long) block * Sampling.BLOCK;
                int size = (int) Math.min(Sampling.BLOCK, n - first);
                draws.evaluate(sampling, config.correlation(), first, size, strata);
                for (int l = 0; l < levers.size(); l++) System.arraycopy(draws.values[l], 0, inputs[l], (int) first, size);
                for (int m = 0; m < metrics.size(); m++) {
                    double[] metric = draws.summaries[metrics.get(m).ordinal()];
                    for (int i = 0; i < size; i++) outputs[m][(int) first + i] = nullIfOverflowed(metric[i]);
                }
                idle.add(draws);
            }, "simulation");
            done = until;
            if (config.precision() != null) {
                int count = Math.min(n, done * Sampling.BLOCK);
                precise = precise(outputs[metrics.indexOf(config.precision().metric())], count, config.precision());
            }
        }
        int count = Math.min(n, done * Sampling.BLOCK);
        List<Summary> summaries = new ArrayList<>();
        double[][] leverRanks = new double[levers.size()][];
        // a Latin hypercube's lever values, uncorrelated, ascend with their strata: ranked without a sort
        boolean stratified = config.correlation() == null && count == n;
        Blocks.run(executor, 0, levers.size(), l -> {
            double[] byStrata = stratified && strata != null ? Ranks.ofPositionsInPlace(inputs[l], strata[l], count) : null;
            leverRanks[l] = byStrata != null ? byStrata : ranks(inputs[l], count);
        }, "ranking");
        // the levers' means and cross products, the same for every metric defined in every sample: summed once
        Supplier<CrossProducts.Levers> leverSums = once(() -> CrossProducts.Levers.of(inputs, count, executor));
        MeanChange[][] changes = meanChangesOfMetricsDefinedThroughout(outputs, leverRanks, count, levers,
                config.meanChangeBins(), executor);
        for (int m = 0; m < metrics.size(); m++) {
            summaries.add(summarise(metrics.get(m), outputs[m], inputs, leverRanks, leverSums, changes[m], count, levers,
                    config, executor));
        }
        return new Result(count, precise && count < n, summaries);
    }

    /**
     * {@code rows} arrays of {@code n} doubles, each made as a task: the JVM zeroes a large array on the thread
     * that makes it, and a million samples' ≈ 180 MB were zeroed on the calling thread before any block began.
     */
    private static double[][] perSample(int rows, int n, ExecutorService executor) {
        double[][] made = new double[rows][];
        Blocks.run(executor, 0, rows, r -> made[r] = new double[n], "simulation");
        return made;
    }

    /** Streams samples [from, to) in order: the uniforms of each are the same as in a full run. */
    public static void stream(CompiledScenario compiled, List<Uncertain> levers, List<Metric> metrics, Config config,
                              long from, long to, Grid.RowSink sink) throws IOException {
        Sampling sampling = new Sampling(config.method(), config.seed(), levers.size(), config.samples());
        Draws draws = new Draws(compiled, levers);
        double[] values = new double[levers.size()];
        double[] out = new double[metrics.size()];
        for (long start = from; start < to; ) {
            long blockEnd = Math.min(to, (start / Sampling.BLOCK + 1) * Sampling.BLOCK);
            int size = (int) (blockEnd - start);
            draws.evaluate(sampling, config.correlation(), start, size, null);
            for (int i = 0; i < size; i++) {
                for (int l = 0; l < values.length; l++) values[l] = draws.values[l][i];
                for (int m = 0; m < out.length; m++) out[m] = nullIfOverflowed(draws.summaries[metrics.get(m).ordinal()][i]);
                sink.row(start + i, values, out);
            }
            start = blockEnd;
        }
    }

    /**
     * One thread's buffers for a block of samples, and its batch evaluator: the uniforms a column per
     * lever, correlated sample by sample when asked, each lever's quantiles in one loop over its column,
     * then every sample through the {@link BatchEvaluator} in lanes, each figure the scalar evaluator's to
     * the last bit.
     */
    private static final class Draws {
        private final List<Uncertain> levers;
        private final BatchEvaluator evaluator;
        private final double[] base;
        private final double[][] uniforms;
        /** values[l][i]: lever l's value in the block's sample i. */
        final double[][] values;
        /** summaries[m][i]: metric m (a {@link Metric#ordinal()}) of the block's sample i. */
        final double[][] summaries = new double[Metric.count()][Sampling.BLOCK];
        private final double[] row;
        private final double[] scratch;

        Draws(CompiledScenario compiled, List<Uncertain> levers) {
            this.levers = levers;
            this.evaluator = compiled.newBatchEvaluator(levers.stream().mapToInt(u -> u.lever().slot()).toArray());
            this.base = compiled.parameters();
            this.uniforms = new double[levers.size()][Sampling.BLOCK];
            this.values = new double[levers.size()][Sampling.BLOCK];
            this.row = new double[levers.size()];
            this.scratch = new double[levers.size()];
        }

        /** Draws and evaluates the {@code size} samples from {@code first}, which lie in one block. */
        void evaluate(Sampling sampling, RankCorrelation correlation, long first, int size, double[][] strata) {
            sampling.columns(first, size, uniforms, strata);
            if (correlation != null) {
                for (int i = 0; i < size; i++) {
                    for (int l = 0; l < row.length; l++) row[l] = uniforms[l][i];
                    correlation.correlate(row, scratch);
                    for (int l = 0; l < row.length; l++) uniforms[l][i] = row[l];
                }
            }
            for (int l = 0; l < row.length; l++) levers.get(l).distribution().quantiles(uniforms[l], size, values[l]);
            evaluator.evaluate(base, values, size, summaries);
        }
    }

    /**
     * A metric a sampled lever value drove past the largest double is null (NaN) for that sample, as
     * the contract promises a number or null: counted in {@code nulls}, left out of the figures.
     */
    static double nullIfOverflowed(double metric) {
        return Double.isInfinite(metric) ? Double.NaN : metric;
    }

    private static boolean precise(double[] values, int count, Precision precision) {
        if (!Double.isNaN(precision.percentile())) {
            double[] sorted = sortedDefined(values, count);
            ConfidenceIntervals.Interval ci = ConfidenceIntervals.percentile(sorted, precision.percentile(),
                    precision.confidence());
            // an end the samples cannot bound yet (NaN) is never narrow enough
            return precision.met(percentile(sorted, precision.percentile()), ci.halfWidth());
        }
        double[] moments = moments(values, count);
        if (moments[0] < 2) return false;
        double z = NormalQuantile.of(0.5 + precision.confidence() / 2);
        return precision.met(moments[1], z * Math.sqrt(moments[2] / moments[0]));
    }

    /** The non-null values among the first {@code count}, sorted. */
    private static double[] sortedDefined(double[] values, int count) {
        int k = 0;
        for (int i = 0; i < count; i++) if (!Double.isNaN(values[i])) k++;
        double[] sorted = new double[k];
        int j = 0;
        for (int i = 0; i < count; i++) if (!Double.isNaN(values[i])) sorted[j++] = values[i];
        Arrays.sort(sorted);
        return sorted;
    }

    /** {count, mean, variance} of the non-null values among the first {@code count}, in order. */
    static double[] moments(double[] values, int count) {
        long k = 0;
        double mean = 0;
        double m2 = 0;
        for (int i = 0; i < count; i++) {
            double v = values[i];
            if (Double.isNaN(v)) continue;
            k++;
            double delta = v - mean;
            mean += delta / k;
            m2 += delta * (v - mean);
        }
        return new double[] {k, mean, k > 1 ? m2 / (k - 1) : Double.NaN};
    }

    private static Summary summarise(Metric metric, double[] all, double[][] inputs, double[][] leverRanks,
                                     Supplier<CrossProducts.Levers> leverSums, MeanChange[] changes, int count,
                                     List<Uncertain> levers, Config config, ExecutorService executor) {
        // the moments (one pass in sample order) on a thread of their own while the others sort
        Future<double[]> pending = Blocks.start(executor, () -> moments(all, count));
        // one parallel sort gives both the sorted values (percentiles, tails, histogram) and the ranks
        int[] order = Ranks.order(all, count, executor);
        double[] sorted = Ranks.sorted(all, order, executor);
        double[] moments = Blocks.await(pending, "summary");
        long k = (long) moments[0];
        double sd = Math.sqrt(moments[2]);
        double[] percentiles = new double[config.percentiles().length];
        List<ConfidenceIntervals.Interval> percentileIntervals = new ArrayList<>();
        for (int p = 0; p < percentiles.length; p++) {
            percentiles[p] = percentile(sorted, config.percentiles()[p]);
            percentileIntervals.add(ConfidenceIntervals.percentile(sorted, config.percentiles()[p], config.confidence()));
        }
        List<Threshold> mine = config.thresholds().stream().filter(t -> t.metric() == metric).toList();
        double[] probabilities = new double[mine.size()];
        List<ConfidenceIntervals.Interval> probabilityIntervals = new ArrayList<>();
        for (int t = 0; t < mine.size(); t++) {
            Threshold th = mine.get(t);
            long hits = th.below() ? countBelow(sorted, th.value()) : k - countAtMost(sorted, th.value());
            probabilities[t] = k == 0 ? Double.NaN : hits / (double) k;
            probabilityIntervals.add(ConfidenceIntervals.proportion(hits, k, config.confidence()));
        }
        // three passes over the sorted values, each summing in sorted order, side by side
        double[][] passes = new double[2][];
        Histogram[] histogram = new Histogram[1];
        Blocks.run(executor, 0, 3, pass -> {
            switch (pass) {
                case 0 -> passes[0] = meansAtOrBelow(sorted, percentiles);
                case 1 -> passes[1] = shape(sorted, moments[1]);
                default -> histogram[0] = histogram(sorted, config.histogramBins());
            }
        }, "summary");
        List<TailRisk> tailRisks = new ArrayList<>();
        for (int p = 0; p < percentiles.length; p++) {
            tailRisks.add(new TailRisk(config.percentiles()[p], percentiles[p], passes[0][p]));
        }
        double[] shape = passes[1];
        List<MeanChange> meanChanges = new ArrayList<>();
        return new Summary(metric, k, count - k, moments[1], sd, sd / Math.sqrt(k),
                k == 0 ? Double.NaN : sorted[0], k == 0 ? Double.NaN : sorted[sorted.length - 1],
                percentiles, probabilities, histogram[0],
                contributions(all, Ranks.of(sorted, order, count, executor), inputs, leverRanks, leverSums, count, levers,
                        config.meanChangeBins(), changes, meanChanges, executor),
                shape[0], shape[1], tailRisks, percentileIntervals, probabilityIntervals, meanChanges);
    }

    /**
     * {skewness G1, excess kurtosis G2} of the values (bias-adjusted sample estimators): with central
     * moments m_r = Σ(x − mean)^r / n, g1 = m3 / m2^1.5, g2 = m4 / m2² − 3,
     * G1 = g1 √(n(n−1)) / (n−2) and G2 = ((n+1) g2 + 6)(n−1) / ((n−2)(n−3)). NaN below 3 (4) values or
     * when the values do not vary. Summed in sorted order, so independent of the thread count.
     */
    static double[] shape(double[] sorted, double mean) {
        int n = sorted.length;
        double m2 = 0;
        double m3 = 0;
        double m4 = 0;
        for (double v : sorted) {
            double d = v - mean;
            double d2 = d * d;
            m2 += d2;
            m3 += d2 * d;
            m4 += d2 * d2;
        }
        m2 /= n;
        m3 /= n;
        m4 /= n;
        if (n < 3 || m2 == 0) return new double[] {Double.NaN, Double.NaN};
        double g1 = m3 / Math.pow(m2, 1.5);
        double skewness = g1 * Math.sqrt((double) n * (n - 1)) / (n - 2);
        if (n < 4) return new double[] {skewness, Double.NaN};
        double g2 = m4 / (m2 * m2) - 3;
        double kurtosis = ((n + 1) * g2 + 6) * (n - 1) / ((double) (n - 2) * (n - 3));
        return new double[] {skewness, kurtosis};
    }

    /** The mean of the sorted values at or below {@code limit}: a profit's conditional value at risk. */
    static double meanAtOrBelow(double[] sorted, double limit) {
        long k = countAtMost(sorted, limit);
        if (k == 0) return Double.NaN;
        double sum = 0;
        for (int i = 0; i < k; i++) sum += sorted[i];
        return sum / k;
    }

    /**
     * {@link #meanAtOrBelow} of each limit in one pass: the sum up to the k-th sorted value is the running
     * sum at k of the same additions in the same order, so each mean is the one a pass of its own gives.
     */
    static double[] meansAtOrBelow(double[] sorted, double[] limits) {
        long[] counts = new long[limits.length];
        for (int p = 0; p < limits.length; p++) counts[p] = countAtMost(sorted, limits[p]);
        long[] stops = counts.clone();
        Arrays.sort(stops);
        double[] sumAt = new double[limits.length]; // sumAt[s]: the sum of the first stops[s] values
        double sum = 0;
        int i = 0;
        for (int s = 0; s < stops.length; s++) {
            for (; i < stops[s]; i++) sum += sorted[i];
            sumAt[s] = sum;
        }
        double[] means = new double[limits.length];
        for (int p = 0; p < limits.length; p++) {
            means[p] = counts[p] == 0 ? Double.NaN : sumAt[Arrays.binarySearch(stops, counts[p])] / counts[p];
        }
        return means;
    }

    /** The 1-based ranks of the first {@code count} values, ties sharing their average rank; NaN stays NaN and is not ranked. */
    static double[] ranks(double[] values, int count) {
        int[] order = Ranks.order(values, count, null);
        return Ranks.of(Ranks.sorted(values, order), order, count);
    }

    /** {@code make}'s value, made on the first call and kept. */
    private static <T> Supplier<T> once(Supplier<T> make) {
        Object[] made = new Object[1];
        return () -> {
            if (made[0] == null) made[0] = make.get();
            @SuppressWarnings("unchecked") T value = (T) made[0];
            return value;
        };
    }

    /** Pearson's correlation of x and y over the samples where y is not NaN. */
    private static double correlation(double[] x, double[] y, int count) {
        return correlations(x, x, y, count)[0];
    }

    /**
     * Pearson's correlations of x0 and of x1 with y over the samples where y is not NaN, in one pass for both:
     * y's count, sum and sum of squares are the same for each, and each sum adds its samples in sample order,
     * so each correlation is the one a pass of its own gives. Five sums advance side by side where one lever's
     * three waited on each other's additions.
     */
    static double[] correlations(double[] x0, double[] x1, double[] y, int count) {
        long n = 0;
        double sumX0 = 0; // of ranks, whole and half numbers: exact below 2^52
        double sumX1 = 0;
        double sumY = 0;
        for (int i = 0; i < count; i++) {
            if (Double.isNaN(y[i])) continue;
            n++;
            sumX0 += x0[i];
            sumX1 += x1[i];
            sumY += y[i];
        }
        double meanX0 = sumX0 / n;
        double meanX1 = sumX1 / n;
        double meanY = sumY / n;
        double xx0 = 0;
        double xx1 = 0;
        double yy = 0;
        double xy0 = 0;
        double xy1 = 0;
        for (int i = 0; i < count; i++) {
            if (Double.isNaN(y[i])) continue;
            double dx0 = x0[i] - meanX0;
            double dx1 = x1[i] - meanX1;
            double dy = y[i] - meanY;
            xx0 += dx0 * dx0;
            xx1 += dx1 * dx1;
            yy += dy * dy;
            xy0 += dx0 * dy;
            xy1 += dx1 * dy;
        }
        return new double[] {correlation(xx0, yy, xy0), correlation(xx1, yy, xy1)};
    }

    /** Pearson's correlation from the centred sums of squares and products. */
    private static double correlation(double xx, double yy, double xy) {
        if (xx == 0 || yy == 0) return Double.NaN;
        // rounding can carry a perfect rank agreement a few ulps past ±1
        return Math.max(-1, Math.min(1, xy / Math.sqrt(xx * yy)));
    }

    /** Linear interpolation between order statistics (Excel's PERCENTILE.INC, R's type 7). */
    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) return Double.NaN;
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static long countBelow(double[] sorted, double value) {
        int i = Arrays.binarySearch(sorted, value);
        if (i < 0) return -i - 1;
        while (i > 0 && sorted[i - 1] == value) i--;
        return i;
    }

    private static long countAtMost(double[] sorted, double value) {
        int i = Arrays.binarySearch(sorted, value);
        if (i < 0) return -i - 1;
        while (i < sorted.length && sorted[i] == value) i++;
        return i;
    }

    private static Histogram histogram(double[] sorted, int bins) {
        if (sorted.length == 0 || bins < 1) return new Histogram(new double[0], new long[0]);
        double min = sorted[0];
        double max = sorted[sorted.length - 1];
        // values near ±1.8e308 can be finite while their range (times the bins) is not: then the edges
        // are weighted means of min and max and the bins are found from halved values, which cannot overflow
        boolean wide = !Double.isFinite((max - min) * bins);
        double[] edges = new double[bins + 1];
        for (int b = 0; b <= bins; b++) {
            double t = (double) b / bins;
            edges[b] = wide ? min * (1 - t) + max * t : min + (max - min) * b / bins;
        }
        edges[bins] = max;
        double range = wide ? max / 2 - min / 2 : max - min;
        long[] counts = new long[bins];
        for (double v : sorted) {
            double offset = wide ? v / 2 - min / 2 : v - min;
            int b = max == min ? 0 : (int) Math.min(bins - 1, Math.floor(offset / range * bins));
            counts[b]++;
        }
        return new Histogram(edges, counts);
    }

    /**
     * Standardised regression coefficients (the metric regressed on every lever, each coefficient scaled
     * by sd(lever)/sd(metric)) and plain correlations, sorted by the size of the coefficient; then each
     * lever's rank correlation and change in the mean, one lever per task. The sums of squares and
     * products are formed per block of {@link Sampling#BLOCK} samples in parallel and added up in block
     * order, so they do not depend on the thread count.
     */
    private static List<Contribution> contributions(double[] y, double[] yRanks, double[][] x, double[][] xRanks,
                                                    Supplier<CrossProducts.Levers> leverSums, int count, List<Uncertain> levers, int bins,
                                                    MeanChange[] shared, List<MeanChange> meanChanges,
                                                    ExecutorService executor) {
        int k = x.length;
        if (k == 0) return List.of();
        CrossProducts sums = CrossProducts.of(y, x, count, leverSums, executor);
        boolean anyNull = sums.n() < count; // counted in the blocks: no pass of its own on the calling thread
        double[][] xx = sums.xx();
        double[] xy = sums.xy();
        double yy = sums.yy();
        double[] coefficients = new double[k];
        Arrays.fill(coefficients, Double.NaN);
        try {
            double[] beta = new LUDecomposition(MatrixUtils.createRealMatrix(xx)).getSolver()
                    .solve(MatrixUtils.createRealVector(xy)).toArray();
            for (int a = 0; a < k; a++) coefficients[a] = beta[a] * Math.sqrt(xx[a][a] / yy);
        } catch (RuntimeException singular) {
            // a lever that does not vary (or duplicates another): coefficients stay null
        }
        double[] standardised = new double[k];
        double[] rankCorrelations = new double[k];
        double[] correlations = new double[k];
        MeanChange[] changes = new MeanChange[k];
        if (anyNull) {
            Blocks.run(executor, 0, k, a -> {
                // ranks among the samples where the metric is defined
                double[] leverRanks = ranks(masked(x[a], y, count), count);
                rankCorrelations[a] = correlation(leverRanks, yRanks, count);
                changes[a] = meanChange(levers.get(a).lever().path(), y, leverRanks, count, sums.n(), bins);
            }, "summary");
        } else {
            // two levers a task, an odd last one as both of its pair
            Blocks.run(executor, 0, (k + 1) / 2, pair -> {
                int a = 2 * pair;
                int b = Math.min(a + 1, k - 1);
                double[] both = correlations(xRanks[a], xRanks[b], yRanks, count);
                rankCorrelations[a] = both[0];
                rankCorrelations[b] = both[1];
            }, "summary");
            for (int a = 0; a < k; a++) {
                changes[a] = shared != null ? shared[a]
                        : meanChange(levers.get(a).lever().path(), y, xRanks[a], count, sums.n(), bins);
            }
        }
        for (int a = 0; a < k; a++) {
            double r = xy[a] / Math.sqrt(xx[a][a] * yy);
            standardised[a] = yy == 0 ? Double.NaN : coefficients[a];
            correlations[a] = yy == 0 || xx[a][a] == 0 ? Double.NaN : r;
            meanChanges.add(changes[a]);
        }
        double[] shares = sharesOfSquares(standardised);
        double[] rankShares = sharesOfSquares(rankCorrelations);
        List<Contribution> out = new ArrayList<>();
        for (int a = 0; a < k; a++) {
            out.add(new Contribution(levers.get(a).lever().path(), standardised[a], correlations[a],
                    rankCorrelations[a], shares[a], rankShares[a]));
        }
        out.sort(Comparator.comparingDouble((Contribution c) -> Double.isNaN(c.standardisedCoefficient())
                ? -1 : Math.abs(c.standardisedCoefficient())).reversed());
        meanChanges.sort(Comparator.comparingDouble((MeanChange m) -> Double.isNaN(m.spread()) ? -1 : m.spread())
                .reversed());
        return out;
    }

    /** Each x_i² / Σ x_j² over the defined x's (NaN stays NaN); all NaN when no square is positive. */
    static double[] sharesOfSquares(double[] x) {
        double sum = 0;
        for (double v : x) if (!Double.isNaN(v)) sum += v * v;
        double[] shares = new double[x.length];
        for (int i = 0; i < x.length; i++) shares[i] = sum > 0 ? x[i] * x[i] / sum : Double.NaN;
        return shares;
    }

    /**
     * The mean of y in each of {@code bins} equal-count bins of a lever's ranks (1 … n over the n samples
     * where y is defined): sample i falls in bin ⌊(rank_i − 1) bins / n⌋, so ties share a bin.
     */
    static MeanChange meanChange(String lever, double[] y, double[] leverRanks, int count, int n, int bins) {
        double[] sums = new double[bins];
        long[] counts = new long[bins];
        double perRank = 1.0 / n;
        for (int i = 0; i < count; i++) {
            if (Double.isNaN(y[i])) continue;
            int b = Math.min(bins - 1, bin((leverRanks[i] - 1) * bins, n, perRank));
            sums[b] += y[i];
            counts[b]++;
        }
        return meanChange(lever, sums, counts);
    }

    /**
     * {@link #meanChange} of each of the metrics {@code ys}, all defined in every one of the {@code count}
     * samples, in one pass over the lever's ranks: a sample's bin is found once for all of them, and each
     * metric's bin sums add its samples in the same order as a pass of its own.
     */
    static MeanChange[] meanChanges(String lever, double[][] ys, double[] leverRanks, int count, int bins) {
        MeanChange[] changes = new MeanChange[ys.length];
        double perRank = 1.0 / count;
        // two metrics a pass, their sums side by side: a loop over any number of metrics kept C2 from holding
        // its arrays in registers and took twice as long; an odd last metric goes through as both of a pair
        for (int m = 0; m < ys.length; m += 2) {
            double[] first = ys[m];
            double[] second = ys[Math.min(m + 1, ys.length - 1)];
            double[] sums = new double[2 * bins]; // bin b's sums of the first and second at 2b and 2b + 1
            long[] counts = new long[bins];
            for (int i = 0; i < count; i++) {
                int b = Math.min(bins - 1, bin((leverRanks[i] - 1) * bins, count, perRank));
                sums[2 * b] += first[i];
                sums[2 * b + 1] += second[i];
                counts[b]++;
            }
            for (int j = 0; j < 2 && m + j < ys.length; j++) {
                double[] ofMetric = new double[bins];
                for (int b = 0; b < bins; b++) ofMetric[b] = sums[2 * b + j];
                changes[m + j] = meanChange(lever, ofMetric, counts);
            }
        }
        return changes;
    }

    /**
     * Each lever's {@link #meanChanges} for the metrics defined in every sample, [metric][lever], one lever per
     * task; null for a metric with a null sample (its levers are ranked again without those samples).
     */
    private static MeanChange[][] meanChangesOfMetricsDefinedThroughout(double[][] outputs, double[][] leverRanks,
                                                                        int count, List<Uncertain> levers, int bins,
                                                                        ExecutorService executor) {
        List<Integer> defined = new ArrayList<>();
        for (int m = 0; m < outputs.length; m++) {
            boolean all = true;
            for (int i = 0; i < count && all; i++) all = !Double.isNaN(outputs[m][i]);
            if (all) defined.add(m);
        }
        MeanChange[][] changes = new MeanChange[outputs.length][];
        if (defined.isEmpty()) return changes;
        double[][] ys = defined.stream().map(m -> outputs[m]).toArray(double[][]::new);
        for (int m : defined) changes[m] = new MeanChange[levers.size()];
        Blocks.run(executor, 0, levers.size(), l -> {
            MeanChange[] perMetric = meanChanges(levers.get(l).lever().path(), ys, leverRanks[l], count, bins);
            for (int j = 0; j < perMetric.length; j++) changes[defined.get(j)][l] = perMetric[j];
        }, "summary");
        return changes;
    }

    /** The mean of each bin from its sum and count, and the first and last bins holding samples. */
    private static MeanChange meanChange(String lever, double[] sums, long[] counts) {
        int bins = sums.length;
        double[] means = new double[bins];
        int first = -1;
        int last = -1;
        for (int b = 0; b < bins; b++) {
            means[b] = counts[b] == 0 ? Double.NaN : sums[b] / counts[b];
            if (counts[b] > 0) {
                if (first < 0) first = b;
                last = b;
            }
        }
        return new MeanChange(lever, means, first < 0 ? Double.NaN : means[first], last < 0 ? Double.NaN : means[last]);
    }

    /**
     * ⌊a / n⌋ for a = (rank − 1) × bins, without a division per sample: estimated by a multiplication by
     * {@code perRank} = 1/n, then put right by exact comparisons. A rank is a whole or half number, so a and
     * every b × n compared are exact doubles (below 2^53), and the floor of a / n rounded to a double, what
     * this replaces, is the exact floor too (a / n lies at least 1/(2n) from the next whole number, far more
     * than the rounding). A NaN rank (never one of a defined metric's samples) gives 0, as the division did.
     */
    static int bin(double a, int n, double perRank) {
        int b = (int) (a * perRank); // below the bins: an int, which C2 converts in half the time of a long
        double whole = n;
        if ((b + 1) * whole <= a) return b + 1;
        if (b * whole > a) return b - 1;
        return b;
    }

    /** The first {@code count} of x, NaN where y is NaN. */
    private static double[] masked(double[] x, double[] y, int count) {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) out[i] = Double.isNaN(y[i]) ? Double.NaN : x[i];
        return out;
    }
}
