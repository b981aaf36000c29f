package io.parley.analysis;

import java.io.IOException;
import java.util.List;

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
     * Evaluates points [from, to) of the grid in order.
     *
     * @return the number of points evaluated
     */
    public static long run(CompiledScenario compiled, Grid grid, List<Metric> metrics, long from, long to,
                           Grid.RowSink sink) throws IOException {
        Probe probe = new Probe(compiled);
        int[] slots = grid.levers().stream().mapToInt(BoundLever::slot).toArray();
        int[] wanted = metrics.stream().mapToInt(Metric::ordinal).toArray();
        double[] out = new double[wanted.length];
        Grid.Cursor cursor = grid.new Cursor(from);
        for (long index = from; index < to; index++) {
            for (int i = 0; i < slots.length; i++) {
                probe.parameters[slots[i]] = cursor.current[i];
            }
            double[] summary = probe.evaluate();
            for (int m = 0; m < wanted.length; m++) {
                out[m] = summary[wanted[m]];
            }
            sink.row(index, cursor.current, out);
            cursor.next();
        }
        return to - from;
    }
}
