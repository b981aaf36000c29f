package io.parley.analysis;

import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * The centred sums of squares and products of levers x_a and a metric y over the samples where y is
 * defined: xx[a][b] = Σ (x_a − x̄_a)(x_b − x̄_b), xy[a] = Σ (x_a − x̄_a)(y − ȳ), yy = Σ (y − ȳ)², what a
 * least-squares regression of y on the levers and their correlations need. Two passes (means, then the
 * centred sums), each summed per block of {@link Sampling#BLOCK} samples on the executor's threads and
 * the blocks' sums added in block order, so the result does not depend on the thread count. Within a
 * block every sum adds its samples' terms in sample order; which sum is advanced first does not matter.
 *
 * @param n the samples where y is defined
 */
record CrossProducts(int n, double[][] xx, double[] xy, double yy) {

    /** Samples centred at once: their deviations (11 columns × 256 doubles, 22 KB) stay in L1 while every sum reads them. */
    private static final int CHUNK = 256;

    /**
     * The levers' part over every sample: their means and the lower triangle of xx row by row. It is the
     * same for every metric defined in every sample, so a run works it out once for all such metrics.
     */
    record Levers(int count, double[] mean, double[] triangle) {

        static Levers of(double[][] x, int count, ExecutorService executor) {
            double[] mean = means(null, x, count, executor);
            int k = x.length;
            return new Levers(count, mean, centredSums(null, x, mean, count, 0, k, executor));
        }
    }

    static CrossProducts of(double[] y, double[][] x, int count, ExecutorService executor) {
        return of(y, x, count, null, executor);
    }

    /**
     * The sums of y over x; the levers' part taken from {@code everySample} (null: worked out here) when y is
     * defined in every sample, where it holds exactly the sums this would add up.
     */
    static CrossProducts of(double[] y, double[][] x, int count, Supplier<Levers> everySample,
                            ExecutorService executor) {
        int k = x.length;
        double[] yMean = means(y, new double[0][], count, executor);
        long n = (long) yMean[1];
        Levers levers = everySample != null && n == count ? everySample.get() : null;
        boolean shared = levers != null && levers.count() == count;
        double[] mean = new double[k + 1];
        if (shared) {
            System.arraycopy(levers.mean(), 0, mean, 0, k);
        } else {
            System.arraycopy(means(y, x, count, executor), 0, mean, 0, k);
        }
        mean[k] = yMean[0];
        int triangle = k * (k + 1) / 2;
        // the metric's row of the triangle (xy, and yy last), and the levers' rows unless they are shared
        double[] all = centredSums(y, x, mean, count, shared ? k : 0, k + 1, executor);
        if (shared) System.arraycopy(levers.triangle(), 0, all, 0, triangle);
        double[][] xx = new double[k][k];
        int t = 0;
        for (int a = 0; a < k; a++) {
            for (int c = 0; c <= a; c++) {
                xx[a][c] = all[t];
                xx[c][a] = all[t++];
            }
        }
        double[] xy = new double[k];
        System.arraycopy(all, triangle, xy, 0, k);
        return new CrossProducts((int) n, xx, xy, all[triangle + k]);
    }

    /**
     * The mean of each lever (then of y, then the count, as a double) over the samples where y is defined
     * (every sample when y is null): per block the sums in sample order, the blocks' sums in block order.
     */
    private static double[] means(double[] y, double[][] x, int count, ExecutorService executor) {
        int k = x.length;
        int columns = y == null ? k : k + 1;
        int blocks = (count + Sampling.BLOCK - 1) / Sampling.BLOCK;
        long[] counts = new long[blocks];
        double[][] blockSums = new double[blocks][];
        Blocks.run(executor, 0, blocks, b -> {
            int from = b * Sampling.BLOCK;
            int to = Math.min(count, from + Sampling.BLOCK);
            double[] sums = new double[columns];
            for (int a = 0; a < columns; a++) {
                double[] column = a < k ? x[a] : y;
                double sum = 0;
                for (int i = from; i < to; i++) {
                    if (y == null || !Double.isNaN(y[i])) sum += column[i];
                }
                sums[a] = sum;
            }
            int defined = 0;
            for (int i = from; i < to; i++) if (y == null || !Double.isNaN(y[i])) defined++;
            counts[b] = defined;
            blockSums[b] = sums;
        }, "summary");
        long n = 0;
        double[] total = new double[columns];
        for (int b = 0; b < blocks; b++) {
            n += counts[b];
            for (int a = 0; a < columns; a++) total[a] += blockSums[b][a];
        }
        double[] mean = new double[columns + 1];
        for (int a = 0; a < columns; a++) mean[a] = total[a] / n;
        mean[columns] = n;
        return mean;
    }

    /**
     * Rows {@code fromRow} to {@code toRow} − 1 of the lower triangle of centred products over the columns
     * x_0 … x_{k−1} and then y (row a holds a's product with columns 0 … a, at a(a + 1)/2 + c): the xx
     * triangle is rows 0 … k − 1, and row k is xy followed by yy. Returned in an array of the whole
     * triangle's length, the other rows 0. Only samples where y is defined count (all when y is null).
     */
    private static double[] centredSums(double[] y, double[][] x, double[] mean, int count, int fromRow, int toRow,
                                        ExecutorService executor) {
        int k = x.length;
        int columns = y == null ? k : k + 1;
        int length = (k + 1) * (k + 2) / 2;
        int blocks = (count + Sampling.BLOCK - 1) / Sampling.BLOCK;
        double[][] blockSums = new double[blocks][];
        Blocks.run(executor, 0, blocks, b -> {
            double[] sums = new double[length];
            double[][] d = new double[columns][CHUNK];
            int end = Math.min(count, (b + 1) * Sampling.BLOCK);
            for (int start = b * Sampling.BLOCK; start < end; start += CHUNK) {
                // the chunk's defined samples, centred, in sample order: a column at a time when all are defined
                int stop = Math.min(end, start + CHUNK);
                int size = 0;
                if (y == null || definedThroughout(y, start, stop)) {
                    size = stop - start;
                    for (int a = 0; a < columns; a++) {
                        double[] from = a < k ? x[a] : y;
                        double[] to = d[a];
                        double m = mean[a];
                        for (int j = 0; j < size; j++) to[j] = from[start + j] - m;
                    }
                } else {
                    for (int i = start; i < stop; i++) {
                        if (Double.isNaN(y[i])) continue;
                        for (int a = 0; a < columns; a++) d[a][size] = (a < k ? x[a][i] : y[i]) - mean[a];
                        size++;
                    }
                }
                for (int a = fromRow; a < toRow; a++) addRow(d, a, size, sums);
            }
            blockSums[b] = sums;
        }, "summary");
        double[] all = new double[length];
        for (int b = 0; b < blocks; b++) {
            for (int j = 0; j < length; j++) all[j] += blockSums[b][j];
        }
        return all;
    }

    private static boolean definedThroughout(double[] y, int from, int to) {
        for (int i = from; i < to; i++) if (Double.isNaN(y[i])) return false;
        return true;
    }

    /**
     * Adds to row a of the triangle the products d_a · d_c (c ≤ a) of the first {@code size} samples, each sum
     * in sample order; four sums advance side by side so that their additions overlap.
     */
    private static void addRow(double[][] d, int a, int size, double[] sums) {
        double[] da = d[a];
        int row = a * (a + 1) / 2;
        int c = 0;
        for (; c + 4 <= a + 1; c += 4) {
            double[] d0 = d[c];
            double[] d1 = d[c + 1];
            double[] d2 = d[c + 2];
            double[] d3 = d[c + 3];
            double s0 = sums[row + c];
            double s1 = sums[row + c + 1];
            double s2 = sums[row + c + 2];
            double s3 = sums[row + c + 3];
            for (int j = 0; j < size; j++) {
                double v = da[j];
                s0 += v * d0[j];
                s1 += v * d1[j];
                s2 += v * d2[j];
                s3 += v * d3[j];
            }
            sums[row + c] = s0;
            sums[row + c + 1] = s1;
            sums[row + c + 2] = s2;
            sums[row + c + 3] = s3;
        }
        for (; c <= a; c++) {
            double[] dc = d[c];
            double s = sums[row + c];
            for (int j = 0; j < size; j++) s += da[j] * dc[j];
            sums[row + c] = s;
        }
    }
}
