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
    void aCandidateOrderIsTakenOnlyWhenItListsEveryValueAscendingWithoutNaN() {
        double[] values = {3, 1, 2, 2};
        assertThat(Ranks.orderIfSorted(values, new int[] {1, 2, 3, 0}, 4)).containsExactly(1, 2, 3, 0);
        assertThat(Ranks.orderIfSorted(values, new int[] {1, 3, 2, 0}, 4)).containsExactly(1, 3, 2, 0); // ties either way
        assertThat(Ranks.orderIfSorted(values, new int[] {0, 1, 2, 3}, 4)).isNull();
        assertThat(Ranks.orderIfSorted(values, new int[] {1, 2, 0}, 4)).isNull();
        assertThat(Ranks.orderIfSorted(new double[] {Double.NaN, 1}, new int[] {0, 1}, 2)).isNull();
        assertThat(Ranks.orderIfSorted(values, null, 4)).isNull();
        // the ranks from a taken order: ties share 2.5
        assertThat(Ranks.of(values, new int[] {1, 3, 2, 0}, 4)).containsExactly(4, 1, 2.5, 2.5);
        assertThat(Arrays.stream(Ranks.sorted(values, new int[] {1, 2, 3, 0}))).containsExactly(1.0, 2.0, 2.0, 3.0);
    }
}
