package io.parley.analysis;

import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The regression's sums of squares and products are, bit for bit, the plain sums a sample at a time: per
 * block of {@link Sampling#BLOCK} samples in sample order, the blocks added in block order (what keeps them
 * the same for every thread count), with or without a metric's null samples, and when the levers' part is
 * shared between metrics defined in every sample. The change in the mean of several metrics in one pass is
 * each metric's pass of its own, and so are the rank correlations of two levers worked out in one pass.
 */
class CrossProductsTest {

    static ExecutorService pool;

    @BeforeAll
    static void start() {
        pool = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void stop() {
        pool.shutdownNow();
    }

    /** The sums as one loop over the samples gives them, block by block: {n, xx row by row, xy, yy}. */
    static double[] plainSums(double[] y, double[][] x, int count) {
        int k = x.length;
        int blocks = (count + Sampling.BLOCK - 1) / Sampling.BLOCK;
        long n = 0;
        double[] total = new double[k + 1];
        for (int b = 0; b < blocks; b++) {
            double[] sums = new double[k + 1];
            for (int i = b * Sampling.BLOCK; i < Math.min(count, (b + 1) * Sampling.BLOCK); i++) {
                if (Double.isNaN(y[i])) continue;
                n++;
                for (int a = 0; a < k; a++) sums[a] += x[a][i];
                sums[k] += y[i];
            }
            for (int a = 0; a <= k; a++) total[a] += sums[a];
        }
        double[] mean = new double[k + 1];
        for (int a = 0; a <= k; a++) mean[a] = total[a] / n;
        double[] all = new double[k * k + k + 1];
        for (int b = 0; b < blocks; b++) {
            double[] sums = new double[all.length];
            for (int i = b * Sampling.BLOCK; i < Math.min(count, (b + 1) * Sampling.BLOCK); i++) {
                if (Double.isNaN(y[i])) continue;
                double dy = y[i] - mean[k];
                for (int a = 0; a < k; a++) {
                    for (int c = 0; c < k; c++) sums[a * k + c] += (x[a][i] - mean[a]) * (x[c][i] - mean[c]);
                    sums[k * k + a] += (x[a][i] - mean[a]) * dy;
                }
                sums[k * k + k] += dy * dy;
            }
            for (int j = 0; j < all.length; j++) all[j] += sums[j];
        }
        double[] out = new double[all.length + 1];
        out[0] = n;
        System.arraycopy(all, 0, out, 1, all.length);
        return out;
    }

    static double[] flat(CrossProducts p) {
        int k = p.xy().length;
        double[] out = new double[k * k + k + 2];
        out[0] = p.n();
        for (int a = 0; a < k; a++) System.arraycopy(p.xx()[a], 0, out, 1 + a * k, k);
        System.arraycopy(p.xy(), 0, out, 1 + k * k, k);
        out[out.length - 1] = p.yy();
        return out;
    }

    /** Lever values of several scales and a metric mixing them nonlinearly, so that rounding differs by order. */
    static double[][] levers(int k, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[k][count];
        for (int a = 0; a < k; a++) {
            double scale = Math.pow(10, a % 5);
            for (int i = 0; i < count; i++) x[a][i] = scale * (1 + random.nextGaussian() / 7);
        }
        return x;
    }

    static double[] metric(double[][] x, int count, int nullEvery) {
        double[] y = new double[count];
        for (int i = 0; i < count; i++) {
            double v = 0;
            for (double[] lever : x) v += lever[i] * lever[i] / 3 + Math.sqrt(lever[i]);
            y[i] = nullEvery > 0 && i % nullEvery == 7 ? Double.NaN : v;
        }
        return y;
    }

    @Test
    void theSumsAreThoseOfOneLoopOverTheSamplesBlockByBlock() {
        // sizes past a block and not a whole number of blocks or of chunks; 1, 4 (one group of four), 7 and 10 levers
        for (int k : new int[] {1, 4, 7, 10}) {
            for (int count : new int[] {3, 255, 8193, 3 * Sampling.BLOCK + 301}) {
                double[][] x = levers(k, count, 11L * k + count);
                for (int nullEvery : new int[] {0, 97}) {
                    double[] y = metric(x, count, nullEvery);
                    assertThat(flat(CrossProducts.of(y, x, count, pool))).as("%d levers, %d samples, nulls %d", k, count, nullEvery)
                            .containsExactly(plainSums(y, x, count));
                }
            }
        }
    }

    @Test
    void theLeversPartSharedByMetricsDefinedThroughoutIsTheirOwn() {
        int k = 10;
        int count = 5 * Sampling.BLOCK + 17;
        double[][] x = levers(k, count, 5);
        CrossProducts.Levers shared = CrossProducts.Levers.of(x, count, pool);
        int[] asked = new int[1];
        for (int nullEvery : new int[] {0, 0, 89}) {
            double[] y = metric(x, count, nullEvery);
            for (int i = 0; i < count && nullEvery == 0; i++) y[i] = y[i] * (asked[0] + 1) - i;
            CrossProducts sums = CrossProducts.of(y, x, count, () -> {
                asked[0]++;
                return shared;
            }, pool);
            assertThat(flat(sums)).containsExactly(plainSums(y, x, count));
        }
        // asked by the two metrics defined throughout, not by the one with nulls
        assertThat(asked[0]).isEqualTo(2);
    }

    @Test
    void theChangeInTheMeanOfSeveralMetricsInOnePassIsEachMetricsOwn() {
        int count = 20_011;
        double[][] x = levers(3, count, 9);
        double[][] ys = {metric(x, count, 0), x[1].clone(), x[2].clone()};
        double[] ranks = MonteCarlo.ranks(x[0], count);
        for (int bins : new int[] {2, 10, 100}) {
            MonteCarlo.MeanChange[] together = MonteCarlo.meanChanges("lever", ys, ranks, count, bins);
            for (int m = 0; m < ys.length; m++) {
                assertThat(together[m]).isEqualTo(MonteCarlo.meanChange("lever", ys[m], ranks, count, count, bins));
            }
        }
    }

    /** Pearson's correlation as two plain passes over the samples where y is defined, clamped to [−1, 1]. */
    static double plainCorrelation(double[] x, double[] y) {
        long n = 0;
        double sx = 0;
        double sy = 0;
        for (int i = 0; i < y.length; i++) {
            if (Double.isNaN(y[i])) continue;
            n++;
            sx += x[i];
            sy += y[i];
        }
        double xx = 0;
        double yy = 0;
        double xy = 0;
        for (int i = 0; i < y.length; i++) {
            if (Double.isNaN(y[i])) continue;
            xx += (x[i] - sx / n) * (x[i] - sx / n);
            yy += (y[i] - sy / n) * (y[i] - sy / n);
            xy += (x[i] - sx / n) * (y[i] - sy / n);
        }
        return xx == 0 || yy == 0 ? Double.NaN : Math.max(-1, Math.min(1, xy / Math.sqrt(xx * yy)));
    }

    @Test
    void theRankCorrelationsOfTwoLeversInOnePassAreEachLeversOwn() {
        int count = 30_007;
        double[][] x = levers(3, count, 13);
        double[] constant = new double[count];
        java.util.Arrays.fill(constant, 4);
        for (int nullEvery : new int[] {0, 31}) {
            double[] yRanks = MonteCarlo.ranks(metric(x, count, nullEvery), count);
            double[] first = MonteCarlo.ranks(x[0], count);
            double[] second = MonteCarlo.ranks(x[2], count);
            double[] both = MonteCarlo.correlations(first, second, yRanks, count);
            assertThat(both).containsExactly(plainCorrelation(first, yRanks), plainCorrelation(second, yRanks));
            assertThat(MonteCarlo.correlations(constant, first, yRanks, count)[0]).isNaN();
        }
    }
}
