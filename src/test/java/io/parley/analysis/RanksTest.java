package io.parley.analysis;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The order of a run's samples: the same from one sort on one thread and from merged block sorts on two. */
class RanksTest {

    @Test
    void blockSortsMergedOnTwoThreadsGiveTheOrderOfValueThenIndex() {
        // 300,001 values (past the parallel threshold, not a multiple of the parts), many ties, both
        // zeros, NaNs left out, huge and tiny magnitudes
        SplittableRandom random = new SplittableRandom(7);
        int n = 300_001;
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = switch (i % 7) {
                case 0 -> random.nextInt(100);           // ties
                case 1 -> random.nextBoolean() ? 0.0 : -0.0;
                case 2 -> Double.NaN;
                case 3 -> random.nextDouble() * 1e300 - 5e299;
                default -> random.nextGaussian() * 1e-3;
            };
        }
        // the reference: indexes of the numbers sorted by value (−0.0 equal to 0.0), then by index
        int[] expected = IntStream.range(0, n).filter(i -> !Double.isNaN(values[i])).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> values[i] + 0.0).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            assertThat(Ranks.order(values, n, pool)).isEqualTo(expected);
        } finally {
            pool.shutdownNow();
        }
        assertThat(Ranks.order(values, n, null)).isEqualTo(expected);
    }

    @Test
    void runsOfCollidingKeysAndOfTiesThatCrossThePartsAreOrderedAndRankedWhole() {
        // 131,072 samples (17 index bits) in groups of 5,000, which straddle the 16 parts of 8,192: a group's
        // values are 1024 + g plus fewer than 2^16 ulps, so its keys agree in all but the index bits and
        // only the exact order sorts them; a second set, whole numbers 0–99, ties in runs of ~1,300
        int n = 1 << 17;
        SplittableRandom random = new SplittableRandom(11);
        double[] colliding = new double[n];
        double[] tied = new double[n];
        for (int i = 0; i < n; i++) {
            double base = 1024 + i / 5000;
            colliding[i] = base + random.nextInt(1 << 16) * Math.ulp(base);
            tied[i] = random.nextInt(100);
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (double[] values : new double[][] {colliding, tied}) {
                int[] expected = IntStream.range(0, n).boxed()
                        .sorted(Comparator.comparingDouble((Integer i) -> values[i]).thenComparingInt(i -> i))
                        .mapToInt(Integer::intValue).toArray();
                int[] order = Ranks.order(values, n, pool);
                assertThat(order).isEqualTo(expected);
                double[] sorted = Ranks.sorted(values, order, pool);
                double[] reference = values.clone();
                Arrays.sort(reference);
                assertThat(sorted).isEqualTo(reference);
                // a value's rank: the values below it, plus the mean of 1 … its ties
                double[] ranks = Ranks.of(sorted, order, n, pool);
                for (int i = 0; i < n; i += 97) {
                    double value = values[i];
                    long below = Arrays.stream(values).filter(v -> v < value).count();
                    long equal = Arrays.stream(values).filter(v -> v == value).count();
                    assertThat(ranks[i]).as("sample %d", i).isEqualTo(below + (equal + 1) / 2.0);
                }
                assertThat(ranks).isEqualTo(Ranks.of(sorted, order, n));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void positionsThatOrderTheValuesGiveTheirRanksTiesAveragedAndAnyOtherPositionsNone() {
        // sample i in stratum position[i]: 3 → 3, 1 → 0, 2 → 1, 2.5 → 2
        assertThat(Ranks.ofPositions(new double[] {3, 1, 2, 2.5}, new int[] {3, 0, 1, 2}, 4)).containsExactly(4, 1, 2, 3);
        // 2 twice, in strata 1 and 2: both rank 2.5
        assertThat(Ranks.ofPositions(new double[] {3, 1, 2, 2}, new int[] {3, 0, 2, 1}, 4)).containsExactly(4, 1, 2.5, 2.5);
        // positions that do not order the values, a NaN, a wrong length: left to the sort
        assertThat(Ranks.ofPositions(new double[] {3, 1, 2, 2.5}, new int[] {0, 1, 2, 3}, 4)).isNull();
        assertThat(Ranks.ofPositions(new double[] {Double.NaN, 1}, new int[] {1, 0}, 2)).isNull();
        assertThat(Ranks.ofPositions(new double[] {1, 2}, new int[] {0}, 2)).isNull();
        assertThat(Ranks.ofPositions(new double[] {1, 2}, null, 2)).isNull();
        // the same ranks as from a sort
        double[] values = {5, 1, 5, 3, -0.0, 0.0};
        int[] order = Ranks.order(values, 6, null);
        assertThat(Ranks.of(Ranks.sorted(values, order), order, 6)).containsExactly(5.5, 3, 5.5, 4, 1.5, 1.5);
        assertThat(Ranks.ofPositions(values, new int[] {4, 2, 5, 3, 0, 1}, 6)).containsExactly(5.5, 3, 5.5, 4, 1.5, 1.5);
    }

    @Test
    void theRadixSortOfARangeIsTheComparisonSortAndLeavesTheRestAlone() {
        SplittableRandom random = new SplittableRandom(3);
        for (int n : new int[] {0, 1, 2, 255, 256, 257, 10_000}) {
            // any longs, both signs, the extremes, duplicates, and keys sharing their high bytes (all skipped)
            long[] keys = new long[n + 20];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = switch (i % 5) {
                    case 0 -> random.nextLong();
                    case 1 -> i % 2 == 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
                    case 2 -> random.nextInt(3) - 1;
                    case 3 -> 0x4130_0000_0000_0000L | random.nextInt(1 << 20);
                    default -> -(0x4130_0000_0000_0000L | random.nextInt(1 << 20));
                };
            }
            long[] expected = keys.clone();
            Arrays.sort(expected, 10, 10 + n);
            long[] buffer = new long[keys.length];
            Ranks.radixSort(keys, 10, 10 + n, buffer);
            assertThat(keys).as("n = %d", n).isEqualTo(expected);
        }
        long[] shared = new long[1000];
        for (int i = 0; i < shared.length; i++) shared[i] = 0x7700_0000_0000_0000L + (shared.length - i);
        long[] expected = shared.clone();
        Arrays.sort(expected);
        Ranks.radixSort(shared, 0, shared.length, new long[shared.length]);
        assertThat(shared).isEqualTo(expected);
    }

    @Test
    void theRadixSortLeavesIndexBitsThatAlreadyAscendAsTheyAre() {
        // keys as order() writes them: a value's high bits over the sample index (20 bits), in sample order;
        // values from a handful, so many keys agree on every bit above the index
        SplittableRandom random = new SplittableRandom(5);
        int n = 300_000;
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) keys[i] = (random.nextLong(-40, 40) << 20) | i;
        long[] expected = keys.clone();
        Arrays.sort(expected);
        Ranks.radixSort(keys, 0, n, new long[n], 20);
        assertThat(keys).isEqualTo(expected);
    }
}
