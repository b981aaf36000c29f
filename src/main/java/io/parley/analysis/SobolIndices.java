package io.parley.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;

import org.hipparchus.distribution.continuous.TDistribution;
import org.hipparchus.random.SobolSequenceGenerator;

import io.parley.engine.CompiledScenario;
import io.parley.engine.Heap;
import io.parley.engine.Metric;
import io.parley.model.Numbers;

/**
 * Variance-based global sensitivity: how much of a metric's variance each uncertain lever explains
 * on its own (first-order index S) and with all its interactions (total index ST). Saltelli's design:
 * two N × k sample matrices A and B from one 2k-dimensional Sobol sequence (randomly shifted by the
 * seed), and for each lever the matrix A with that lever's column taken from B; N (k + 2) evaluations.
 * Estimators: Saltelli (2010) for S, Jansen (1999) for ST. The levers are taken as independent (the
 * indices are defined for independent inputs).
 *
 * <p>Confidence intervals come from randomised quasi-Monte Carlo: the N rows are split into R
 * consecutive slices of the sequence (each a balanced Sobol net, N and R being powers of two), each
 * shifted by its own random vector drawn from the seed, so the slices are independent. The error
 * of the estimate over all rows is the jackknife's over slices (the estimate with each slice left
 * out in turn, variance and mean included, since the indices are ratios), and the interval is the
 * estimate ± Student's t with R − 1 degrees of freedom × that error. A bootstrap over the rows
 * would treat quasi-random points as independent draws and overstate the error some threefold.
 *
 * <p>Second-order indices S_ij (the share of the variance due to the interaction of two levers alone)
 * need k more matrices, B with one column taken from A, so N (2k + 2) evaluations: Saltelli (2002).
 * A row of B_A(i) and one of A_B(j) share exactly columns i and j, so their covariance is the closed
 * variance of the pair V_ij^c; likewise A and B_A(i) share column i alone, giving V_i; and
 * S_ij = (V_ij^c − V_i − V_j) / V.
 */
public final class SobolIndices {

    /**
     * Independent randomisations (slices) whose spread gives the interval: 16 gives Student's t 15
     * degrees of freedom, an interval within 10 % of the width a known variance would give.
     */
    public static final int REPLICATES = 16;
    /** Rows a slice keeps at least, below 16 × 8 rows: fewer replicates, each still a small net. */
    static final int MIN_SLICE_ROWS = 8;

    /**
     * Why a run takes no number of bootstrap resamples: its intervals come from independent replicates
     * (see the class comment), and a bootstrap over quasi-random rows is the error they replaced.
     */
    public static final String NO_BOOTSTRAP = "Sobol intervals come from " + REPLICATES + " independently randomised"
            + " replicates of the design (jackknife over replicates, Student's t), not from a bootstrap: resampling"
            + " quasi-random rows as if they were independent made the intervals some three times too wide; leave"
            + " 'bootstrap' out (the width follows 'n' and 'confidence')";

    private SobolIndices() {
    }

    /** Why {@code n} cannot be a run's number of base points, if it cannot. */
    public static Optional<String> problemWithPoints(int n) {
        return n >= 2 && Integer.bitCount(n) == 1 ? Optional.empty()
                : Optional.of(n + " is not a power of two, 2 or more (Sobol points balance in powers of two)");
    }

    /** Whether {@code c} is a confidence level: a probability strictly between 0 and 1. */
    public static boolean isConfidenceLevel(double c) {
        return c > 0 && c < 1;
    }

    /** Why {@code confidence} cannot be the level of the indices' intervals, if it cannot. */
    public static Optional<String> problemWithConfidence(double confidence) {
        return isConfidenceLevel(confidence) ? Optional.empty()
                : Optional.of(Numbers.plain(confidence) + " is not a confidence level in (0, 1)");
    }

    /** One lever's (or group's, named so) indices with their confidence intervals (see the class comment). */
    public record Index(String lever, double first, double firstLow, double firstHigh,
                        double total, double totalLow, double totalHigh) {
    }

    /** The interaction of two levers (in request order, {@code first} before {@code second}). */
    public record Pair(String first, String second, double index, double low, double high) {
    }

    /** The indices of one metric, and its variance; {@code pairs} is empty unless second order was asked. */
    public record Result(Metric metric, double variance, List<Index> indices, List<Pair> pairs) {
    }

    public static List<Result> run(CompiledScenario compiled, List<MonteCarlo.Uncertain> levers, List<Metric> metrics,
                                   int n, long seed, double confidence) {
        return run(compiled, levers, metrics, n, seed, confidence, false, 1);
    }

    /** The evaluations a run makes: N (k + 2), or N (2k + 2) with second-order indices, for k levers or groups. */
    public static long evaluations(int n, int levers, boolean secondOrder) {
        return (long) n * ((secondOrder ? 2L : 1L) * levers + 2);
    }

    /**
     * Bytes of heap a run holds at its peak, for admission: the two sample matrices A and B (N rows of
     * k levers each), and every evaluation's metrics kept until the indices are estimated: f(A), f(B)
     * and f(A_B) per factor (also f(B_A) with second order), each N doubles per metric; the second-order
     * pairs of the answer ({@link #PAIR_BYTES} each, per metric).
     */
    public static long heapBytes(int n, int levers, int factors, int metrics, boolean secondOrder) {
        long design = Heap.times(2, Heap.plus(Heap.doubles(n), Heap.times(n, Heap.doubles(levers))));
        long outputs = Heap.times((long) metrics * (2 + (long) factors * (secondOrder ? 2 : 1)), Heap.doubles(n));
        long pairs = secondOrder ? Heap.times((long) metrics * factors * (factors - 1) / 2, PAIR_BYTES) : 0;
        return Heap.plus(Heap.plus(design, outputs), pairs);
    }

    /** As above, with the lanes each of {@code threads} threads evaluates in (a probe of its own at a time). */
    public static long heapBytes(CompiledScenario compiled, int n, int levers, int factors, int metrics, boolean secondOrder,
                                 int threads) {
        long lanes = Heap.times(threads, LaneProbe.heapBytes(compiled, levers, LaneProbe.CAPACITY));
        return Heap.plus(heapBytes(n, levers, factors, metrics, secondOrder), lanes);
    }

    /** No column taken from the other matrix: the rows of A or B as they are. */
    private static final int[] NONE = {};

    /** A second-order {@link Pair} in the answer: its object, two name references and three doubles. */
    static final long PAIR_BYTES = 64;

    /** As above, the evaluations spread over {@code threads} threads; the result does not depend on it. */
    public static List<Result> run(CompiledScenario compiled, List<MonteCarlo.Uncertain> levers, List<Metric> metrics,
                                   int n, long seed, double confidence, boolean secondOrder, int threads) {
        return Blocks.onOwnPool(threads,
                pool -> run(compiled, levers, metrics, n, seed, confidence, secondOrder, pool));
    }

    /** As above, on a shared executor; the result does not depend on its threads. */
    public static List<Result> run(CompiledScenario compiled, List<MonteCarlo.Uncertain> levers, List<Metric> metrics,
                                   int n, long seed, double confidence, boolean secondOrder,
                                   ExecutorService executor) {
        return run(compiled, levers, Groups.each(levers), metrics, n, seed, confidence, secondOrder, executor);
    }

    /**
     * The indices of {@code groups} of levers (SALib's groups): the matrix A_B(g) takes every column of
     * group g from B, so a group's S is the share of the variance its levers explain together and its
     * ST that with every interaction; N (groups + 2) evaluations, N (2 groups + 2) with second order
     * (pairs of groups). Every lever alone is the ungrouped run.
     */
    public static List<Result> run(CompiledScenario compiled, List<MonteCarlo.Uncertain> levers, Groups groups,
                                   List<Metric> metrics, int n, long seed, double confidence, boolean secondOrder,
                                   ExecutorService executor) {
        int k = levers.size();
        int factors = groups.size();
        int[][] members = groups.members();
        double[][] a = new double[n][k];
        double[][] b = new double[n][k];
        SobolSequenceGenerator sobol = new SobolSequenceGenerator(2 * k);
        sobol.skipTo(1); // skip the origin
        SplittableRandom random = new SplittableRandom(seed);
        int replicates = replicates(n);
        int slice = n / replicates;
        double[][] shifts = new double[replicates][2 * k];
        for (double[] shift : shifts) {
            for (int d = 0; d < shift.length; d++) shift[d] = random.nextDouble();
        }
        for (int i = 0; i < n; i++) {
            double[] v = sobol.nextVector();
            double[] shift = shifts[i / slice];
            for (int d = 0; d < 2 * k; d++) {
                double u = v[d] + shift[d];
                u = Math.min(1 - Sampling.EDGE, Math.max(Sampling.EDGE, u >= 1 ? u - 1 : u));
                double x = levers.get(d % k).distribution().quantile(u);
                if (d < k) a[i][d] = x;
                else b[i][d - k] = x;
            }
        }
        double[][] fa = new double[metrics.size()][n];
        double[][] fb = new double[metrics.size()][n];
        double[][][] fab = new double[factors][metrics.size()][n];
        double[][][] fba = secondOrder ? new double[factors][metrics.size()][n] : null;
        // rows are independent: blocks of them on every thread, each writing only its own rows
        int blocks = (n + Sampling.BLOCK - 1) / Sampling.BLOCK;
        Blocks.run(executor, 0, blocks, block -> {
            LaneProbe probe = new LaneProbe(compiled, levers);
            int end = Math.min(n, (block + 1) * Sampling.BLOCK);
            for (int first = block * Sampling.BLOCK; first < end; first += probe.capacity) {
                int count = Math.min(probe.capacity, end - first);
                store(probe, a, b, NONE, first, count, metrics, fa);
                store(probe, b, a, NONE, first, count, metrics, fb);
                for (int g = 0; g < factors; g++) {
                    store(probe, a, b, members[g], first, count, metrics, fab[g]);
                    if (fba != null) store(probe, b, a, members[g], first, count, metrics, fba[g]);
                }
            }
        }, "Sobol run");
        List<Result> results = new ArrayList<>();
        double t = new TDistribution(replicates - 1).inverseCumulativeProbability((1 + confidence) / 2);
        for (int m = 0; m < metrics.size(); m++) {
            final int metric = m;
            List<Index> indices = new ArrayList<>();
            for (int g = 0; g < factors; g++) {
                final int lever = g;
                Interval first = Interval.of(replicates, slice, t,
                        (from, to) -> estimates(fa[metric], fb[metric], fab[lever][metric], from, to)[0]);
                Interval total = Interval.of(replicates, slice, t,
                        (from, to) -> estimates(fa[metric], fb[metric], fab[lever][metric], from, to)[1]);
                indices.add(new Index(groups.names().get(g), first.estimate, first.low, first.high,
                        total.estimate, total.low, total.high));
            }
            List<Pair> pairs = new ArrayList<>();
            if (fba != null) {
                for (int i = 0; i < factors; i++) {
                    for (int j = i + 1; j < factors; j++) {
                        final int one = i;
                        final int other = j;
                        Interval pair = Interval.of(replicates, slice, t, (from, to) -> secondOrder(fa[metric], fb[metric],
                                fab[other][metric], fba[one][metric], fba[other][metric], from, to));
                        pairs.add(new Pair(groups.names().get(i), groups.names().get(j),
                                pair.estimate, pair.low, pair.high));
                    }
                }
            }
            results.add(new Result(metrics.get(m), variance(fa[m], fb[m], 0, 0), indices, List.copyOf(pairs)));
        }
        return results;
    }

    /** How many independent slices N rows make: 16, fewer when a slice would have under 8 rows, at least 2. */
    static int replicates(int n) {
        return Math.max(2, Math.min(REPLICATES, n / MIN_SLICE_ROWS));
    }

    /** An estimate over every row except [skipFrom, skipTo) (every row when the range is empty). */
    private interface Estimator {
        double without(int skipFrom, int skipTo);
    }

    /** The estimate over all rows ± t × its jackknife error over the slices. */
    private record Interval(double estimate, double low, double high) {
        static Interval of(int replicates, int slice, double t, Estimator estimator) {
            double estimate = estimator.without(0, 0);
            double[] leftOut = new double[replicates];
            double mean = 0;
            for (int r = 0; r < replicates; r++) {
                leftOut[r] = estimator.without(r * slice, (r + 1) * slice);
                mean += leftOut[r];
            }
            mean /= replicates;
            double squares = 0;
            for (double e : leftOut) squares += (e - mean) * (e - mean);
            double halfWidth = t * Math.sqrt(squares * (replicates - 1) / replicates);
            return new Interval(estimate, estimate - halfWidth, estimate + halfWidth);
        }
    }

    /**
     * The metrics of rows [first, first + count) of the matrix {@code from} with the columns
     * {@code members} taken from {@code other}, into {@code out[m][row]}.
     */
    private static void store(LaneProbe probe, double[][] from, double[][] other, int[] members, int first,
                              int count, List<Metric> metrics, double[][] out) {
        for (int s = 0; s < count; s++) {
            double[] row = from[first + s];
            for (int l = 0; l < row.length; l++) probe.values[l][s] = row[l];
        }
        for (int j : members) {
            for (int s = 0; s < count; s++) probe.values[j][s] = other[first + s][j];
        }
        probe.evaluate(count);
        probe.copy(metrics, count, out, first);
    }

    /**
     * {S, ST} over every row outside [skipFrom, skipTo). The outputs are centred on their mean
     * first: the first-order estimator is not invariant to a constant, and a metric in the millions
     * with a spread in the thousands would otherwise drown the index in noise.
     */
    private static double[] estimates(double[] fa, double[] fb, double[] fab, int skipFrom, int skipTo) {
        double v = variance(fa, fb, skipFrom, skipTo);
        double centre = mean(fa, fb, skipFrom, skipTo);
        double first = 0;
        double total = 0;
        for (int i = 0; i < fa.length; i++) {
            if (i == skipFrom && skipTo > skipFrom) i = skipTo;
            if (i >= fa.length) break;
            first += (fb[i] - centre) * (fab[i] - fa[i]);   // Saltelli 2010
            double d = fa[i] - fab[i];
            total += d * d;                                 // Jansen 1999
        }
        int n = fa.length - (skipTo - skipFrom);
        return new double[] {first / n / v, total / (2.0 * n) / v};
    }

    /**
     * S_ij over every row outside [skipFrom, skipTo), Saltelli (2002), centred like {@link #estimates}:
     * V_ij^c = mean(f(B_A(i)) f(A_B(j))) − f0², V_i = mean(f(A) f(B_A(i))) − f0², V_j likewise,
     * with f0² = mean(f(A)) mean(f(B)).
     */
    private static double secondOrder(double[] fa, double[] fb, double[] fabJ, double[] fbaI, double[] fbaJ,
                                      int skipFrom, int skipTo) {
        double v = variance(fa, fb, skipFrom, skipTo);
        double centre = mean(fa, fb, skipFrom, skipTo);
        double meanA = 0;
        double meanB = 0;
        double closed = 0;
        double firstI = 0;
        double firstJ = 0;
        for (int x = 0; x < fa.length; x++) {
            if (x == skipFrom && skipTo > skipFrom) x = skipTo;
            if (x >= fa.length) break;
            double a = fa[x] - centre;
            meanA += a;
            meanB += fb[x] - centre;
            closed += (fbaI[x] - centre) * (fabJ[x] - centre);   // share columns i and j
            firstI += a * (fbaI[x] - centre);                     // share column i
            firstJ += a * (fbaJ[x] - centre);                     // share column j
        }
        int n = fa.length - (skipTo - skipFrom);
        double f0Squared = (meanA / n) * (meanB / n);
        double vi = firstI / n - f0Squared;
        double vj = firstJ / n - f0Squared;
        return (closed / n - f0Squared - vi - vj) / v;
    }

    /** The mean of the metric over A and B together, rows [skipFrom, skipTo) left out. */
    private static double mean(double[] fa, double[] fb, int skipFrom, int skipTo) {
        double sum = 0;
        for (int i = 0; i < fa.length; i++) {
            if (i == skipFrom && skipTo > skipFrom) i = skipTo;
            if (i >= fa.length) break;
            sum += fa[i] + fb[i];
        }
        return sum / (2.0 * (fa.length - (skipTo - skipFrom)));
    }

    /** The variance of the metric over A and B together, rows [skipFrom, skipTo) left out. */
    private static double variance(double[] fa, double[] fb, int skipFrom, int skipTo) {
        double mean = mean(fa, fb, skipFrom, skipTo);
        double s = 0;
        for (int i = 0; i < fa.length; i++) {
            if (i == skipFrom && skipTo > skipFrom) i = skipTo;
            if (i >= fa.length) break;
            s += (fa[i] - mean) * (fa[i] - mean) + (fb[i] - mean) * (fb[i] - mean);
        }
        return s / (2.0 * (fa.length - (skipTo - skipFrom)) - 1);
    }
}
