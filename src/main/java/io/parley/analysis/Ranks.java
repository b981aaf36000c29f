package io.parley.analysis;

import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.ExecutorService;
import java.util.function.IntConsumer;

/**
 * The order of a run's samples by value and their ranks. A sort's result does not depend on how it was
 * split, so sorting blocks of the keys on every thread and merging them gives the same order as one
 * sort on one thread, bit for bit.
 */
final class Ranks {

    /** Parts sorted at once: a fixed number, so the work (and any failure) is the same for every thread count. */
    private static final int PARTS = 16;
    /** Below this many keys one sort on the calling thread is quicker than splitting. */
    private static final int PARALLEL_FROM = 1 << 16;

    private Ranks() {
    }

    /**
     * The indexes of the non-NaN values among the first {@code count}, by ascending value, ties by index.
     * The sample index rides in the low bits of an order-preserving long key, so one primitive sort
     * orders the samples; keys that collide on the remaining high bits are then put in exact order.
     * {@code executor} null: sorted on the calling thread.
     */
    static int[] order(double[] values, int count, ExecutorService executor) {
        int indexBits = 64 - Long.numberOfLeadingZeros(Math.max(1, count - 1));
        long indexMask = (1L << indexBits) - 1;
        // each part's defined values counted, then its keys written from the sum of the earlier parts' counts:
        // the same keys in the same places as one pass would write
        int[] samples = bounds(count, executor);
        int parts = samples.length - 1;
        int[] at = new int[parts + 1];
        parts(executor, parts, p -> {
            int defined = 0;
            for (int i = samples[p]; i < samples[p + 1]; i++) if (!Double.isNaN(values[i])) defined++;
            at[p + 1] = defined;
        });
        for (int p = 0; p < parts; p++) at[p + 1] += at[p];
        int k = at[parts];
        long[] unsorted = new long[k];
        parts(executor, parts, p -> {
            int j = at[p];
            for (int i = samples[p]; i < samples[p + 1]; i++) {
                if (!Double.isNaN(values[i])) unsorted[j++] = orderKey(values[i]) & ~indexMask | i;
            }
        });
        long[] keys = sort(unsorted, indexBits, executor);
        int[] order = new int[k];
        int[] ranked = bounds(k, executor);
        parts(executor, ranked.length - 1, p -> {
            for (int i = ranked[p]; i < ranked[p + 1]; i++) order[i] = (int) (keys[i] & indexMask);
        });
        // each part puts in exact order the runs of colliding keys that start in it (a run may run on past it)
        parts(executor, ranked.length - 1, p -> {
            int a = ranked[p];
            while (a > 0 && a < ranked[p + 1] && (keys[a - 1] & ~indexMask) == (keys[a] & ~indexMask)) a++;
            while (a < ranked[p + 1]) {
                int b = a + 1;
                while (b < k && (keys[b] & ~indexMask) == (keys[a] & ~indexMask)) b++;
                if (b - a > 1) exactOrder(values, order, a, b);
                a = b;
            }
        });
        return order;
    }

    /**
     * [0, n) cut into {@link #PARTS} parts to go to {@code executor}'s threads, or one part when there is no
     * executor or too little to share: part p is [bounds[p], bounds[p + 1]).
     */
    private static int[] bounds(int n, ExecutorService executor) {
        int parts = executor == null || n < PARALLEL_FROM ? 1 : PARTS;
        int[] bounds = new int[parts + 1];
        for (int p = 0; p <= parts; p++) bounds[p] = (int) ((long) n * p / parts);
        return bounds;
    }

    /** {@code part} for every part in [0, parts): as tasks on {@code executor}, or on the calling thread when one part. */
    private static void parts(ExecutorService executor, int parts, IntConsumer part) {
        if (parts == 1) {
            part.accept(0);
        } else {
            Blocks.run(executor, 0, parts, part, "ranking");
        }
    }

    /**
     * The ranks of the first {@code count} values from a position for each (a Latin hypercube's strata:
     * {@code position[i]} is sample i's stratum, a permutation of 0 … count − 1), when the values ascend
     * with their positions (a nondecreasing quantile function) and none is NaN; else null, to be ranked by
     * {@link #order}. Without ties sample i's rank is position[i] + 1, found with no sort and no gather.
     */
    static double[] ofPositions(double[] values, int[] position, int count) {
        if (position == null || position.length != count) return null;
        double[] whole = new double[count];
        for (int i = 0; i < count; i++) whole[i] = position[i];
        return ofPositionsInPlace(values, whole, count);
    }

    /**
     * {@link #ofPositions(double[], int[], int)} with the positions held as whole doubles, which become the
     * ranks in place: returns {@code position} itself, or null, leaving it as it was, when the values do not
     * ascend with it.
     */
    static double[] ofPositionsInPlace(double[] values, double[] position, int count) {
        if (position == null || position.length != count) return null;
        double[] byPosition = new double[count];
        for (int i = 0; i < count; i++) {
            if (Double.isNaN(values[i])) return null;
            byPosition[(int) position[i]] = values[i];
        }
        boolean ties = false;
        for (int j = 1; j < count; j++) {
            if (!(byPosition[j - 1] <= byPosition[j])) return null;
            ties |= byPosition[j - 1] == byPosition[j];
        }
        if (!ties) {
            for (int i = 0; i < count; i++) position[i] += 1;
            return position;
        }
        double[] rankAt = byPosition; // its values are no longer needed
        for (int a = 0; a < count; ) {
            int b = a + 1;
            while (b < count && byPosition[b] == byPosition[a]) b++;
            Arrays.fill(rankAt, a, b, (a + 1 + b) / 2.0); // positions a..b−1 hold ranks a+1..b
            a = b;
        }
        for (int i = 0; i < count; i++) position[i] = rankAt[(int) position[i]];
        return position;
    }

    /**
     * The 1-based ranks of the first {@code count} values given their {@code order} and the values in that
     * order ({@link #sorted}), ties sharing their average rank; NaN stays NaN.
     */
    static double[] of(double[] sorted, int[] order, int count) {
        return of(sorted, order, count, null);
    }

    /**
     * {@link #of(double[], int[], int)} in parts on {@code executor} (null: on the calling thread): each part
     * ranks the runs of equal values that start in it, so every sample gets the rank one pass gives it.
     */
    static double[] of(double[] sorted, int[] order, int count, ExecutorService executor) {
        int k = order.length;
        double[] ranks = new double[count];
        int[] samples = bounds(count, executor);
        parts(executor, samples.length - 1, p -> Arrays.fill(ranks, samples[p], samples[p + 1], Double.NaN));
        int[] ranked = bounds(k, executor);
        parts(executor, ranked.length - 1, p -> {
            int a = ranked[p];
            while (a > 0 && a < ranked[p + 1] && sorted[a - 1] == sorted[a]) a++;
            while (a < ranked[p + 1]) {
                int b = a + 1;
                while (b < k && sorted[b] == sorted[a]) b++;
                double rank = (a + 1 + b) / 2.0; // positions a..b−1 hold ranks a+1..b
                for (int i = a; i < b; i++) ranks[order[i]] = rank;
                a = b;
            }
        });
        return ranks;
    }

    /** The values in the given order. */
    static double[] sorted(double[] values, int[] order) {
        return sorted(values, order, null);
    }

    /** The values in the given order, gathered in parts on {@code executor} (null: on the calling thread). */
    static double[] sorted(double[] values, int[] order, ExecutorService executor) {
        double[] sorted = new double[order.length];
        int[] ranked = bounds(order.length, executor);
        parts(executor, ranked.length - 1, p -> {
            for (int i = ranked[p]; i < ranked[p + 1]; i++) sorted[i] = values[order[i]];
        });
        return sorted;
    }

    /**
     * The keys sorted: {@link #PARTS} parts sorted as tasks on {@code executor}, then merged pairwise,
     * each merge a task. Returns the keys' array or a buffer of the same length, whichever ends sorted.
     */
    private static long[] sort(long[] keys, int indexBits, ExecutorService executor) {
        int k = keys.length;
        if (k < PARALLEL_FROM) {
            Arrays.sort(keys);
            return keys;
        }
        if (executor == null) {
            radixSort(keys, 0, k, new long[k], indexBits);
            return keys;
        }
        int[] bounds = bounds(k, executor);
        long[] buffer = new long[k];
        Blocks.run(executor, 0, PARTS, p -> radixSort(keys, bounds[p], bounds[p + 1], buffer, indexBits), "ranking");
        long[] from = keys;
        long[] to = buffer;
        for (int width = 1; width < PARTS; width *= 2) {
            final int w = width;
            final long[] src = from;
            final long[] dst = to;
            Blocks.run(executor, 0, (PARTS + 2 * w - 1) / (2 * w), pair -> {
                int lo = pair * 2 * w;
                merge(src, dst, bounds[lo], bounds[Math.min(PARTS, lo + w)], bounds[Math.min(PARTS, lo + 2 * w)]);
            }, "ranking");
            from = dst;
            to = src;
        }
        return from;
    }

    /** Bits of a key sorted on in one pass of {@link #radixSort}: a byte, so that a pass's counts stay in L1. */
    private static final int DIGIT_BITS = 8;
    private static final int DIGITS = Long.SIZE / DIGIT_BITS;
    private static final int RADIX = 1 << DIGIT_BITS;

    /**
     * Sorts keys[lo, hi) in signed order by a least-significant-digit radix sort, using buffer[lo, hi): one
     * pass to count every byte of every key, then a stable scatter per byte, skipping the bytes all keys
     * share (a metric's keys mostly agree in sign and exponent). The keys are distinct (the sample index is
     * in their low bits), so any correct sort gives this order; this one does about a tenth of a comparison
     * sort's branching on a million keys.
     */
    static void radixSort(long[] keys, int lo, int hi, long[] buffer) {
        radixSort(keys, lo, hi, buffer, 0);
    }

    /**
     * {@link #radixSort(long[], int, int, long[])} of keys whose lowest {@code ascendingBits} already ascend
     * among keys that agree on every higher bit (the sample index, keys written in sample order): the digits
     * wholly within those bits are not sorted on, as a stable sort by the rest leaves them in that order. A
     * million samples' 20 index bits spare two of a metric's seven passes.
     */
    static void radixSort(long[] keys, int lo, int hi, long[] buffer, int ascendingBits) {
        int n = hi - lo;
        int from = ascendingBits / DIGIT_BITS; // the first digit sorted on
        int[][] counts = new int[DIGITS][RADIX];
        for (int i = lo; i < hi; i++) {
            long v = keys[i] ^ Long.MIN_VALUE; // signed order as unsigned
            for (int d = from; d < DIGITS; d++) counts[d][(int) (v >>> (d * DIGIT_BITS)) & (RADIX - 1)]++;
        }
        long[] src = keys;
        long[] dst = buffer;
        for (int d = from; d < DIGITS; d++) {
            int[] count = counts[d];
            int shift = d * DIGIT_BITS;
            if (n == 0 || count[(int) ((src[lo] ^ Long.MIN_VALUE) >>> shift) & (RADIX - 1)] == n) continue;
            int at = lo;
            for (int b = 0; b < RADIX; b++) {
                int c = count[b];
                count[b] = at;
                at += c;
            }
            for (int i = lo; i < hi; i++) {
                long key = src[i];
                dst[count[(int) ((key ^ Long.MIN_VALUE) >>> shift) & (RADIX - 1)]++] = key;
            }
            long[] t = src;
            src = dst;
            dst = t;
        }
        if (src != keys) System.arraycopy(src, lo, keys, lo, n);
    }

    /** Merges the sorted runs src[lo, mid) and src[mid, hi) into dst[lo, hi). */
    private static void merge(long[] src, long[] dst, int lo, int mid, int hi) {
        int a = lo;
        int b = mid;
        for (int i = lo; i < hi; i++) dst[i] = b >= hi || a < mid && src[a] <= src[b] ? src[a++] : src[b++];
    }

    /** A long whose signed order is the order of the doubles (−0.0 taken as 0.0). */
    private static long orderKey(double v) {
        long bits = Double.doubleToLongBits(v + 0.0);
        return bits ^ ((bits >> 63) & Long.MAX_VALUE);
    }

    /** Sorts order[from, to) by exact value; such runs agree in all but the lowest bits, so they are rare. */
    private static void exactOrder(double[] values, int[] order, int from, int to) {
        boolean equal = true;
        for (int i = from + 1; i < to && equal; i++) equal = values[order[i]] == values[order[from]];
        if (equal) return;
        Integer[] run = new Integer[to - from];
        for (int i = from; i < to; i++) run[i - from] = order[i];
        Arrays.sort(run, Comparator.comparingDouble((Integer i) -> values[i]).thenComparingInt(i -> i));
        for (int i = from; i < to; i++) order[i] = run[i - from];
    }
}
