package io.parley.analysis;

import java.util.concurrent.ExecutorService;

/**
 * The centred sums of squares and products of levers x_a and a metric y over the samples where y is
 * defined: xx[a][b] = Σ (x_a − x̄_a)(x_b − x̄_b), xy[a] = Σ (x_a − x̄_a)(y − ȳ), yy = Σ (y − ȳ)², what a
 * least-squares regression of y on the levers and their correlations need. Two passes (means, then the
 * centred sums), each summed per block of {@link Sampling#BLOCK} samples on the executor's threads and
 * the blocks' sums added in block order, so the result does not depend on the thread count.
 *
 * @param n the samples where y is defined
 */
record CrossProducts(int n, double[][] xx, double[] xy, double yy) {

    static CrossProducts of(double[] y, double[][] x, int count, ExecutorService executor) {
        int k = x.length;
        int blocks = (count + Sampling.BLOCK - 1) / Sampling.BLOCK;
        // pass 1: per block, the count and the sums of each lever and of y
        long[] counts = new long[blocks];
        double[][] firstSums = new double[blocks][];
        Blocks.run(executor, 0, blocks, b -> {
            double[] sums = new double[k + 1];
            int defined = 0;
            for (int i = b * Sampling.BLOCK, end = Math.min(count, i + Sampling.BLOCK); i < end; i++) {
                if (Double.isNaN(y[i])) continue;
                defined++;
                for (int a = 0; a < k; a++) sums[a] += x[a][i];
                sums[k] += y[i];
            }
            counts[b] = defined;
            firstSums[b] = sums;
        }, "summary");
        long n = 0;
        double[] total = new double[k + 1];
        for (int b = 0; b < blocks; b++) {
            n += counts[b];
            for (int a = 0; a <= k; a++) total[a] += firstSums[b][a];
        }
        double[] mean = new double[k + 1];
        for (int a = 0; a <= k; a++) mean[a] = total[a] / n;
        // pass 2: per block, the centred products: the lower triangle of xx row by row, then xy, then yy
        int triangle = k * (k + 1) / 2;
        double[][] secondSums = new double[blocks][];
        Blocks.run(executor, 0, blocks, b -> {
            double[] sums = new double[triangle + k + 1];
            double[] d = new double[k];
            for (int i = b * Sampling.BLOCK, end = Math.min(count, i + Sampling.BLOCK); i < end; i++) {
                if (Double.isNaN(y[i])) continue;
                double dy = y[i] - mean[k];
                for (int a = 0; a < k; a++) d[a] = x[a][i] - mean[a];
                int t = 0;
                for (int a = 0; a < k; a++) {
                    double da = d[a];
                    for (int c = 0; c <= a; c++) sums[t++] += da * d[c];
                    sums[triangle + a] += da * dy;
                }
                sums[triangle + k] += dy * dy;
            }
            secondSums[b] = sums;
        }, "summary");
        double[] all = new double[triangle + k + 1];
        for (int b = 0; b < blocks; b++) {
            for (int j = 0; j < all.length; j++) all[j] += secondSums[b][j];
        }
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
}
