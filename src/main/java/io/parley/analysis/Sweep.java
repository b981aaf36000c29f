package io.parley.analysis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.parley.engine.BatchEvaluator;
import io.parley.engine.CompiledScenario;
import io.parley.engine.Heap;
import io.parley.engine.Metric;

/**
 * Sweeps a grid of lever values through the engine and hands each point to a sink as it is
 * computed, so a million-point sweep is never held in memory.
 */
public final class Sweep {

    private Sweep() {
    }

    /**
     * Bytes of heap a sweep answered as one document holds, for admission: every point's row (its
     * levers' values, then its metrics') and the text of each number in the answer, written whole
     * before it is sent. A table layout holds no more (the same numbers, as one matrix per metric).
     */
    public static long bufferedHeapBytes(long points, int levers, int metrics) {
        long perPoint = Heap.plus(Heap.doubles(levers + metrics), Heap.times(levers + metrics, Heap.NUMBER_TEXT));
        return Heap.plus(Heap.doubles(points), Heap.times(points, perPoint));
    }

    /**
     * Points evaluated together by the {@link BatchEvaluator}: enough to fill its widest chunk of lanes,
     * few enough that a streamed row waits for no more than a quarter of a thousand others.
     */
    static final int BATCH = 256;

    /**
     * Evaluates points [from, to) of the grid in order, a batch at a time (each point's figures are the
     * scalar evaluator's to the last bit), and hands each point's row to the sink in order.
     *
     * @return the number of points evaluated
     */
    public static long run(CompiledScenario compiled, Grid grid, List<Metric> metrics, long from, long to,
                           Grid.RowSink sink) throws IOException {
        int[] slots = grid.levers().stream().mapToInt(BoundLever::slot).toArray();
        int[] wanted = metrics.stream().mapToInt(Metric::ordinal).toArray();
        BatchEvaluator evaluator = compiled.newBatchEvaluator(slots);
        double[] base = compiled.parameters();
        double[][] values = new double[slots.length][BATCH];
        double[][] summaries = new double[Metric.count()][BATCH];
        double[] levers = new double[slots.length];
        double[] out = new double[wanted.length];
        Grid.Cursor cursor = grid.new Cursor(from);
        for (long start = from; start < to; start += BATCH) {
            int count = (int) Math.min(BATCH, to - start);
            for (int k = 0; k < count; k++) {
                for (int i = 0; i < slots.length; i++) {
                    values[i][k] = cursor.current[i];
                }
                cursor.next();
            }
            evaluator.evaluate(base, values, count, summaries);
            for (int k = 0; k < count; k++) {
                for (int i = 0; i < slots.length; i++) {
                    levers[i] = values[i][k];
                }
                for (int m = 0; m < wanted.length; m++) {
                    out[m] = summaries[wanted[m]][k];
                }
                sink.row(start + k, levers, out);
            }
        }
        return to - from;
    }

    /**
     * Points [from, to) held as rows, each the levers' values then the metrics' (in the order asked):
     * for answers that are written whole, so bounded by the caller's ceiling on buffered points.
     */
    public static List<double[]> rows(CompiledScenario compiled, Grid grid, List<Metric> metrics, long from, long to) {
        List<double[]> rows = new ArrayList<>();
        buffered(compiled, grid, metrics, from, to, (index, levers, values) -> {
            double[] row = Arrays.copyOf(levers, levers.length + values.length);
            System.arraycopy(values, 0, row, levers.length, values.length);
            rows.add(row);
        });
        return rows;
    }

    /** Why the grid cannot be laid out as a table, if it cannot: a table has a row lever and a column lever. */
    public static Optional<String> problemWithTable(Grid grid) {
        int n = grid.levers().size();
        return n == 2 ? Optional.empty()
                : Optional.of("layout=table needs exactly 2 levers (rows, columns); this sweep has " + n);
    }

    /**
     * A two-lever sweep as one matrix per metric: {@code [metric][r][c]} is the metric with the first
     * lever at its r-th value and the second at its c-th (the grid's nested order: the last lever fastest).
     *
     * @throws IllegalArgumentException when the grid is not of two levers ({@link #problemWithTable})
     */
    public static double[][][] table(CompiledScenario compiled, Grid grid, List<Metric> metrics) {
        problemWithTable(grid).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        int columns = grid.values(1).length;
        double[][][] cells = new double[metrics.size()][grid.values(0).length][columns];
        buffered(compiled, grid, metrics, 0, grid.size(), (index, levers, values) -> {
            for (int m = 0; m < values.length; m++) cells[m][(int) (index / columns)][(int) (index % columns)] = values[m];
        });
        return cells;
    }

    /** {@link #run} into memory, where no I/O can fail. */
    private static void buffered(CompiledScenario compiled, Grid grid, List<Metric> metrics, long from, long to,
                                 Grid.RowSink sink) {
        try {
            run(compiled, grid, metrics, from, to, sink);
        } catch (IOException e) {
            throw new UncheckedIOException("a buffered sweep does no I/O", e);
        }
    }
}
