package io.parley.analysis;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.List;
import java.util.Optional;

/**
 * The full grid of a sweep: every combination of the levers' values, in the order of nested loops
 * (the first lever changes slowest, the last fastest). Points are numbered 0 … size−1.
 */
public final class Grid {

    private final List<BoundLever> levers;
    private final double[][] values;
    private final long size;

    /**
     * @param levers the swept levers
     * @param values each lever's values, in the order they are visited
     */
    public Grid(List<BoundLever> levers, List<double[]> values) {
        if (levers.size() != values.size() || levers.isEmpty()) {
            throw new IllegalArgumentException("a grid needs one value list per lever, and at least one lever");
        }
        this.levers = List.copyOf(levers);
        this.values = values.toArray(new double[0][]);
        this.size = size(values.stream().mapToInt(v -> v.length).toArray());
    }

    /** Number of points, or {@link Long#MAX_VALUE} when it would overflow. */
    public static long size(int[] counts) {
        for (int count : counts) {
            if (count == 0) return 0;
        }
        long size = 1;
        for (int count : counts) {
            if (size > Long.MAX_VALUE / count) return Long.MAX_VALUE;
            size *= count;
        }
        return size;
    }

    /** Why {@code steps} cannot divide a range, if it cannot: a range is one step or more (steps + 1 values). */
    public static Optional<String> problemWithSteps(int steps) {
        return steps >= 1 ? Optional.empty() : Optional.of(steps + " is not a number of steps (1 or more)");
    }

    /**
     * {@code steps} equal steps from {@code from} to {@code to}: steps + 1 values, both ends exactly as
     * given. Each value is the weighted mean of the ends worked in decimal, so the values are the decimals
     * a person would type: 0.04 → 0.09 in 5 steps gives 0.05, 0.06, 0.07, 0.08 exactly.
     */
    public static double[] range(double from, double to, int steps) {
        BigDecimal a = new BigDecimal(Double.toString(from));
        BigDecimal b = new BigDecimal(Double.toString(to));
        BigDecimal n = BigDecimal.valueOf(steps);
        double[] v = new double[steps + 1];
        for (int i = 0; i <= steps; i++) {
            v[i] = a.multiply(BigDecimal.valueOf(steps - i)).add(b.multiply(BigDecimal.valueOf(i)))
                    .divide(n, MathContext.DECIMAL128).doubleValue();
        }
        v[0] = from;
        v[steps] = to;
        return v;
    }

    public long size() {
        return size;
    }

    public List<BoundLever> levers() {
        return levers;
    }

    public double[] values(int lever) {
        return values[lever].clone();
    }

    /**
     * The k-th of n disjoint, ordered slices (k from 1 to n) as [from, to): together the n slices
     * cover every point once, and their sizes differ by at most one.
     */
    public static long[] shard(long size, int k, int n) {
        if (n < 1 || k < 1 || k > n) {
            throw new IllegalArgumentException("shard " + k + " of " + n + ": need 1 ≤ k ≤ n");
        }
        return new long[] {sliceStart(size, k - 1, n), sliceStart(size, k, n)};
    }

    private static long sliceStart(long size, int k, int n) {
        try {
            return Math.multiplyExact(size, (long) k) / n;
        } catch (ArithmeticException overflow) {
            return BigInteger.valueOf(size).multiply(BigInteger.valueOf(k))
                    .divide(BigInteger.valueOf(n)).longValueExact();
        }
    }

    /** Receives the points of a sweep in order; the arrays are reused, copy what you keep. */
    @FunctionalInterface
    public interface RowSink {
        void row(long index, double[] leverValues, double[] metricValues) throws IOException;
    }

    /** An odometer over the grid's points, starting at {@code index}. */
    final class Cursor {
        final int[] digit = new int[values.length];
        final double[] current = new double[values.length];

        Cursor(long index) {
            long rest = index;
            for (int i = values.length - 1; i >= 0; i--) {
                digit[i] = (int) (rest % values[i].length);
                rest /= values[i].length;
                current[i] = values[i][digit[i]];
            }
        }

        /** Moves to the next point. */
        void next() {
            for (int i = values.length - 1; i >= 0; i--) {
                if (++digit[i] < values[i].length) {
                    current[i] = values[i][digit[i]];
                    return;
                }
                digit[i] = 0;
                current[i] = values[i][0];
            }
        }
    }
}
