package io.parley.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;

import org.hipparchus.random.SobolSequenceGenerator;

import io.parley.engine.CompiledScenario;
import io.parley.engine.Metric;

/**
 * Variance-based global sensitivity: how much of a metric's variance each uncertain lever explains
 * on its own (first-order index S) and with all its interactions (total index ST). Saltelli's design:
 * two N × k sample matrices A and B from one 2k-dimensional Sobol sequence (randomly shifted by the
 * seed), and for each lever the matrix A with that lever's column taken from B; N (k + 2) evaluations.
 * Estimators: Saltelli (2010) for S, Jansen (1999) for ST; confidence intervals by bootstrap over the
 * N rows. The levers are taken as independent (the indices are defined for independent inputs).
 *
 * <p>Second-order indices S_ij (the share of the variance due to the interaction of two levers alone)
 * need k more matrices, B with one column taken from A, so N (2k + 2) evaluations: Saltelli (2002).
 * A row of B_A(i) and one of A_B(j) share exactly columns i and j, so their covariance is the closed
 * variance of the pair V_ij^c; likewise A and B_A(i) share column i alone, giving V_i; and
 * S_ij = (V_ij^c − V_i − V_j) / V.
 */
public final class SobolIndices {

    public static final int DEFAULT_BOOTSTRAP = 200;

    private SobolIndices() {
    }

    /** One lever's indices with their bootstrap confidence intervals. */
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
                                   int n, long seed, int bootstrap, double confidence) {
        return run(compiled, levers, metrics, n, seed, bootstrap, confidence, false, 1);
    }

    /** The evaluations a run makes: N (k + 2), or N (2k + 2) with second-order indices. */
    public static long evaluations(int n, int levers, boolean secondOrder) {
        return (long) n * ((secondOrder ? 2L : 1L) * levers + 2);
    }

    /** As above, the evaluations spread over {@code threads} threads; the result does not depend on it. */
    public static List<Result> run(CompiledScenario compiled, List<MonteCarlo.Uncertain> levers, List<Metric> metrics,
                                   int n, long seed, int bootstrap, double confidence, boolean secondOrder, int threads) {
        return Blocks.onOwnPool(threads,
                pool -> run(compiled, levers, metrics, n, seed, bootstrap, confidence, secondOrder, pool));
    }

    /** As above, on a shared executor; the result does not depend on its threads. */
    public static List<Result> run(CompiledScenario compiled, List<MonteCarlo.Uncertain> levers, List<Metric> metrics,
                                   int n, long seed, int bootstrap, double confidence, boolean secondOrder,
                                   ExecutorService executor) {
        int k = levers.size();
        double[][] a = new double[n][k];
        double[][] b = new double[n][k];
        SobolSequenceGenerator sobol = new SobolSequenceGenerator(2 * k);
        sobol.skipTo(1); // skip the origin
        SplittableRandom random = new SplittableRandom(seed);
        double[] shift = new double[2 * k];
        for (int d = 0; d < shift.length; d++) shift[d] = random.nextDouble();
        for (int i = 0; i < n; i++) {
            double[] v = sobol.nextVector();
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
        double[][][] fab = new double[k][metrics.size()][n];
        double[][][] fba = secondOrder ? new double[k][metrics.size()][n] : null;
        // rows are independent: blocks of them on every thread, each writing only its own rows
        int blocks = (n + Sampling.BLOCK - 1) / Sampling.BLOCK;
        Blocks.run(executor, 0, blocks, block -> {
            Probe probe = new Probe(compiled);
            double[] row = new double[k];
            for (int i = block * Sampling.BLOCK; i < Math.min(n, (block + 1) * Sampling.BLOCK); i++) {
                store(probe, levers, a[i], metrics, fa, i);
                store(probe, levers, b[i], metrics, fb, i);
                for (int j = 0; j < k; j++) {
                    System.arraycopy(a[i], 0, row, 0, k);
                    row[j] = b[i][j];
                    store(probe, levers, row, metrics, fab[j], i);
                    if (fba != null) {
                        System.arraycopy(b[i], 0, row, 0, k);
                        row[j] = a[i][j];
                        store(probe, levers, row, metrics, fba[j], i);
                    }
                }
            }
        }, "Sobol run");
        List<Result> results = new ArrayList<>();
        SplittableRandom resample = new SplittableRandom(Sampling.mix(seed, -1));
        int[][] draws = new int[bootstrap][n];
        for (int r = 0; r < bootstrap; r++) for (int i = 0; i < n; i++) draws[r][i] = resample.nextInt(n);
        for (int m = 0; m < metrics.size(); m++) {
            List<Index> indices = new ArrayList<>();
            double variance = variance(fa[m], fb[m], null);
            for (int j = 0; j < k; j++) {
                double[] s = estimates(fa[m], fb[m], fab[j][m], null);
                double[] firsts = new double[bootstrap];
                double[] totals = new double[bootstrap];
                for (int r = 0; r < bootstrap; r++) {
                    double[] e = estimates(fa[m], fb[m], fab[j][m], draws[r]);
                    firsts[r] = e[0];
                    totals[r] = e[1];
                }
                java.util.Arrays.sort(firsts);
                java.util.Arrays.sort(totals);
                double tail = (1 - confidence) / 2;
                indices.add(new Index(levers.get(j).lever().path(), s[0], MonteCarlo.percentile(firsts, tail),
                        MonteCarlo.percentile(firsts, 1 - tail), s[1], MonteCarlo.percentile(totals, tail),
                        MonteCarlo.percentile(totals, 1 - tail)));
            }
            List<Pair> pairs = new ArrayList<>();
            if (fba != null) {
                double tail = (1 - confidence) / 2;
                for (int i = 0; i < k; i++) {
                    for (int j = i + 1; j < k; j++) {
                        double[] resampled = new double[bootstrap];
                        for (int r = 0; r < bootstrap; r++) {
                            resampled[r] = secondOrder(fa[m], fb[m], fab[j][m], fba[i][m], fba[j][m], draws[r]);
                        }
                        java.util.Arrays.sort(resampled);
                        pairs.add(new Pair(levers.get(i).lever().path(), levers.get(j).lever().path(),
                                secondOrder(fa[m], fb[m], fab[j][m], fba[i][m], fba[j][m], null),
                                MonteCarlo.percentile(resampled, tail), MonteCarlo.percentile(resampled, 1 - tail)));
                    }
                }
            }
            results.add(new Result(metrics.get(m), variance, indices, List.copyOf(pairs)));
        }
        return results;
    }

    private static void store(Probe probe, List<MonteCarlo.Uncertain> levers, double[] row, List<Metric> metrics,
                              double[][] out, int i) {
        for (int l = 0; l < row.length; l++) probe.parameters[levers.get(l).lever().slot()] = row[l];
        double[] summary = probe.evaluate();
        for (int m = 0; m < metrics.size(); m++) out[m][i] = summary[metrics.get(m).ordinal()];
    }

    /**
     * {S, ST} over the rows {@code rows} (all rows when null). The outputs are centred on their mean
     * first: the first-order estimator is not invariant to a constant, and a metric in the millions
     * with a spread in the thousands would otherwise drown the index in noise.
     */
    private static double[] estimates(double[] fa, double[] fb, double[] fab, int[] rows) {
        int n = fa.length;
        double v = variance(fa, fb, rows);
        double centre = mean(fa, fb, rows);
        double first = 0;
        double total = 0;
        for (int r = 0; r < n; r++) {
            int i = rows == null ? r : rows[r];
            first += (fb[i] - centre) * (fab[i] - fa[i]);   // Saltelli 2010
            double d = fa[i] - fab[i];
            total += d * d;                                 // Jansen 1999
        }
        return new double[] {first / n / v, total / (2.0 * n) / v};
    }

    /**
     * S_ij over {@code rows} (all when null), Saltelli (2002), centred like {@link #estimates}:
     * V_ij^c = mean(f(B_A(i)) f(A_B(j))) − f0², V_i = mean(f(A) f(B_A(i))) − f0², V_j likewise,
     * with f0² = mean(f(A)) mean(f(B)).
     */
    private static double secondOrder(double[] fa, double[] fb, double[] fabJ, double[] fbaI, double[] fbaJ, int[] rows) {
        int n = fa.length;
        double v = variance(fa, fb, rows);
        double centre = mean(fa, fb, rows);
        double meanA = 0;
        double meanB = 0;
        double closed = 0;
        double firstI = 0;
        double firstJ = 0;
        for (int r = 0; r < n; r++) {
            int x = rows == null ? r : rows[r];
            double a = fa[x] - centre;
            meanA += a;
            meanB += fb[x] - centre;
            closed += (fbaI[x] - centre) * (fabJ[x] - centre);   // share columns i and j
            firstI += a * (fbaI[x] - centre);                     // share column i
            firstJ += a * (fbaJ[x] - centre);                     // share column j
        }
        double f0Squared = (meanA / n) * (meanB / n);
        double vi = firstI / n - f0Squared;
        double vj = firstJ / n - f0Squared;
        return (closed / n - f0Squared - vi - vj) / v;
    }

    /** The mean of the metric over A and B together (the rows {@code rows}; all when null). */
    private static double mean(double[] fa, double[] fb, int[] rows) {
        int n = fa.length;
        double sum = 0;
        for (int r = 0; r < n; r++) {
            int i = rows == null ? r : rows[r];
            sum += fa[i] + fb[i];
        }
        return sum / (2.0 * n);
    }

    /** The variance of the metric over A and B together. */
    private static double variance(double[] fa, double[] fb, int[] rows) {
        int n = fa.length;
        double mean = mean(fa, fb, rows);
        double s = 0;
        for (int r = 0; r < n; r++) {
            int i = rows == null ? r : rows[r];
            s += (fa[i] - mean) * (fa[i] - mean) + (fb[i] - mean) * (fb[i] - mean);
        }
        return s / (2.0 * n - 1);
    }
}
