package io.parley.analysis;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;

import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;

import io.parley.engine.CompiledScenario;
import io.parley.engine.Metric;

/**
 * Monte Carlo simulation: uncertain levers drawn from their distributions (optionally rank-correlated),
 * the scenario evaluated for each sample, and the distribution of each metric summarised. Samples are
 * computed in blocks on every core; each sample depends only on the seed and its index, and every
 * statistic is formed in sample order, so results do not change with the thread count.
 */
public final class MonteCarlo {

    /** Blocks evaluated between two checks of a precision target: 16 × 8192 = 131,072 samples. */
    static final int BLOCKS_PER_ROUND = 16;
    public static final double[] DEFAULT_PERCENTILES = {0.05, 0.10, 0.50, 0.90, 0.95};
    public static final int DEFAULT_HISTOGRAM_BINS = 20;

    private MonteCarlo() {
    }

    /** A lever and what is known about it. */
    public record Uncertain(BoundLever lever, Distribution distribution) {
    }

    /** Stop early once the confidence interval of the mean of {@code metric} is within ± relative × |mean|. */
    public record Precision(Metric metric, double relativeHalfWidth, double confidence) {
    }

    /** The probability that {@code metric} is below (or above) {@code value}. */
    public record Threshold(Metric metric, boolean below, double value) {
    }

    public record Config(long samples, Sampling.Method method, long seed, int threads, RankCorrelation correlation,
                         Precision precision, double[] percentiles, List<Threshold> thresholds, int histogramBins) {
    }

    /** How much of a metric's spread a lever explains: standardised regression coefficient and correlation. */
    public record Contribution(String lever, double standardisedCoefficient, double correlation) {
    }

    public record Histogram(double[] edges, long[] counts) {
    }

    /** One metric's distribution. {@code nulls}: samples where the metric is null (excluded from the rest). */
    public record Summary(Metric metric, long count, long nulls, double mean, double sd, double standardError,
                          double min, double max, double[] percentiles, double[] probabilities, Histogram histogram,
                          List<Contribution> contributions) {
    }

    public record Result(long samples, boolean stoppedByPrecision, List<Summary> metrics) {
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
        double[][] inputs = new double[levers.size()][n];
        double[][] outputs = new double[metrics.size()][n];
        int blocks = (n + Sampling.BLOCK - 1) / Sampling.BLOCK;
        int done = 0;
        boolean precise = false;
        while (done < blocks && !precise) {
            int until = config.precision() == null ? blocks : Math.min(blocks, done + BLOCKS_PER_ROUND);
            Blocks.run(executor, done, until,
                    block -> evaluateBlock(compiled, levers, metrics, config, sampling, block, n, inputs, outputs),
                    "simulation");
            done = until;
            if (config.precision() != null) {
                int count = Math.min(n, done * Sampling.BLOCK);
                precise = precise(outputs[metrics.indexOf(config.precision().metric())], count, config.precision());
            }
        }
        int count = Math.min(n, done * Sampling.BLOCK);
        List<Summary> summaries = new ArrayList<>();
        for (int m = 0; m < metrics.size(); m++) {
            summaries.add(summarise(metrics.get(m), outputs[m], inputs, count, levers, config));
        }
        return new Result(count, precise && count < n, summaries);
    }

    private static void evaluateBlock(CompiledScenario compiled, List<Uncertain> levers, List<Metric> metrics, Config config,
                                      Sampling sampling, int block, int n, double[][] inputs, double[][] outputs) {
        long first = (long) block * Sampling.BLOCK;
        int size = (int) Math.min(Sampling.BLOCK, n - first);
        double[][] u = new double[size][levers.size()];
        sampling.block(first, size, u);
        Probe probe = new Probe(compiled);
        double[] scratch = new double[levers.size()];
        for (int i = 0; i < size; i++) {
            if (config.correlation() != null) config.correlation().correlate(u[i], scratch);
            for (int l = 0; l < levers.size(); l++) {
                double v = levers.get(l).distribution().quantile(u[i][l]);
                probe.parameters[levers.get(l).lever().slot()] = v;
                inputs[l][(int) first + i] = v;
            }
            double[] summary = probe.evaluate();
            for (int m = 0; m < metrics.size(); m++) outputs[m][(int) first + i] = summary[metrics.get(m).ordinal()];
        }
    }

    /** Streams samples [from, to) in order: the uniforms of each are the same as in a full run. */
    public static void stream(CompiledScenario compiled, List<Uncertain> levers, List<Metric> metrics, Config config,
                              long from, long to, Grid.RowSink sink) throws IOException {
        Sampling sampling = new Sampling(config.method(), config.seed(), levers.size(), config.samples());
        Probe probe = new Probe(compiled);
        double[] values = new double[levers.size()];
        double[] out = new double[metrics.size()];
        double[] scratch = new double[levers.size()];
        double[][] u = new double[Sampling.BLOCK][levers.size()];
        for (long start = from; start < to; ) {
            long blockEnd = Math.min(to, (start / Sampling.BLOCK + 1) * Sampling.BLOCK);
            int size = (int) (blockEnd - start);
            sampling.block(start, size, u);
            for (int i = 0; i < size; i++) {
                if (config.correlation() != null) config.correlation().correlate(u[i], scratch);
                for (int l = 0; l < values.length; l++) {
                    values[l] = levers.get(l).distribution().quantile(u[i][l]);
                    probe.parameters[levers.get(l).lever().slot()] = values[l];
                }
                double[] summary = probe.evaluate();
                for (int m = 0; m < out.length; m++) out[m] = summary[metrics.get(m).ordinal()];
                sink.row(start + i, values, out);
            }
            start = blockEnd;
        }
    }

    private static boolean precise(double[] values, int count, Precision precision) {
        double[] moments = moments(values, count);
        if (moments[0] < 2) return false;
        double z = Distribution.STANDARD.inverseCumulativeProbability(0.5 + precision.confidence() / 2);
        double halfWidth = z * Math.sqrt(moments[2] / moments[0]);
        return halfWidth <= precision.relativeHalfWidth() * Math.abs(moments[1]);
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

    private static Summary summarise(Metric metric, double[] all, double[][] inputs, int count, List<Uncertain> levers,
                                     Config config) {
        double[] moments = moments(all, count);
        long k = (long) moments[0];
        double[] sorted = new double[(int) k];
        int j = 0;
        for (int i = 0; i < count; i++) if (!Double.isNaN(all[i])) sorted[j++] = all[i];
        Arrays.sort(sorted);
        double sd = Math.sqrt(moments[2]);
        double[] percentiles = new double[config.percentiles().length];
        for (int p = 0; p < percentiles.length; p++) percentiles[p] = percentile(sorted, config.percentiles()[p]);
        List<Threshold> mine = config.thresholds().stream().filter(t -> t.metric() == metric).toList();
        double[] probabilities = new double[mine.size()];
        for (int t = 0; t < mine.size(); t++) {
            Threshold th = mine.get(t);
            long below = countBelow(sorted, th.value());
            probabilities[t] = k == 0 ? Double.NaN : (th.below() ? below : k - countAtMost(sorted, th.value())) / (double) k;
        }
        return new Summary(metric, k, count - k, moments[1], sd, sd / Math.sqrt(k),
                k == 0 ? Double.NaN : sorted[0], k == 0 ? Double.NaN : sorted[sorted.length - 1],
                percentiles, probabilities, histogram(sorted, config.histogramBins()),
                contributions(all, inputs, count, levers));
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
        double[] edges = new double[bins + 1];
        for (int b = 0; b <= bins; b++) edges[b] = min + (max - min) * b / bins;
        edges[bins] = max;
        long[] counts = new long[bins];
        for (double v : sorted) {
            int b = max == min ? 0 : (int) Math.min(bins - 1, Math.floor((v - min) / (max - min) * bins));
            counts[b]++;
        }
        return new Histogram(edges, counts);
    }

    /**
     * Standardised regression coefficients (the metric regressed on every lever, each coefficient scaled
     * by sd(lever)/sd(metric)) and plain correlations, sorted by the size of the coefficient.
     */
    private static List<Contribution> contributions(double[] y, double[][] x, int count, List<Uncertain> levers) {
        int k = x.length;
        if (k == 0) return List.of();
        double[] meanX = new double[k];
        double meanY = 0;
        int n = 0;
        for (int i = 0; i < count; i++) {
            if (Double.isNaN(y[i])) continue;
            n++;
            meanY += (y[i] - meanY) / n;
            for (int a = 0; a < k; a++) meanX[a] += (x[a][i] - meanX[a]) / n;
        }
        double[][] xx = new double[k][k];
        double[] xy = new double[k];
        double yy = 0;
        for (int i = 0; i < count; i++) {
            if (Double.isNaN(y[i])) continue;
            double dy = y[i] - meanY;
            yy += dy * dy;
            for (int a = 0; a < k; a++) {
                double da = x[a][i] - meanX[a];
                xy[a] += da * dy;
                for (int b = 0; b <= a; b++) xx[a][b] += da * (x[b][i] - meanX[b]);
            }
        }
        for (int a = 0; a < k; a++) for (int b = a + 1; b < k; b++) xx[a][b] = xx[b][a];
        double[] coefficients = new double[k];
        Arrays.fill(coefficients, Double.NaN);
        try {
            double[] beta = new LUDecomposition(MatrixUtils.createRealMatrix(xx)).getSolver()
                    .solve(MatrixUtils.createRealVector(xy)).toArray();
            for (int a = 0; a < k; a++) coefficients[a] = beta[a] * Math.sqrt(xx[a][a] / yy);
        } catch (RuntimeException singular) {
            // a lever that does not vary (or duplicates another): coefficients stay null
        }
        List<Contribution> out = new ArrayList<>();
        for (int a = 0; a < k; a++) {
            double r = xy[a] / Math.sqrt(xx[a][a] * yy);
            out.add(new Contribution(levers.get(a).lever().path(), yy == 0 ? Double.NaN : coefficients[a],
                    yy == 0 || xx[a][a] == 0 ? Double.NaN : r));
        }
        out.sort(Comparator.comparingDouble((Contribution c) -> Double.isNaN(c.standardisedCoefficient())
                ? -1 : Math.abs(c.standardisedCoefficient())).reversed());
        return out;
    }
}
