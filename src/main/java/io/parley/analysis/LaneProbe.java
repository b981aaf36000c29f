package io.parley.analysis;

import java.util.List;

import io.parley.engine.BatchEvaluator;
import io.parley.engine.CompiledScenario;
import io.parley.engine.Heap;
import io.parley.engine.Metric;

/**
 * One thread's handle on a compiled scenario for many values of the same uncertain levers at once:
 * {@link Probe}'s batch form. A caller writes up to {@link #capacity} samples into {@link #values}
 * (row j: lever j's value in each sample), evaluates them, and reads their metrics from {@link #out}.
 * Each sample's figures are those of {@link Probe#evaluate} with the same levers set, to the last bit
 * ({@link BatchEvaluator}); every other slot keeps the scenario's value.
 */
final class LaneProbe {

    /**
     * Samples evaluated at once: four of the batch evaluator's chunks of lanes, few enough that the
     * values and the 21 metrics of each (about 200 KB) stay in the caches between writing and reading.
     */
    static final int CAPACITY = 1024;

    private final BatchEvaluator batch;
    private final double[] base;
    /** values[j][s]: lever j's value in sample s. */
    final double[][] values;
    /** out[m][s]: metric m (a {@link Metric#ordinal()}) of sample s, after {@link #evaluate}. */
    final double[][] out;
    final int capacity;

    LaneProbe(CompiledScenario compiled, List<MonteCarlo.Uncertain> levers) {
        this(compiled, levers, CAPACITY);
    }

    /** As above, for up to {@code capacity} samples at once. */
    LaneProbe(CompiledScenario compiled, List<MonteCarlo.Uncertain> levers, int capacity) {
        int[] slots = new int[levers.size()];
        for (int j = 0; j < slots.length; j++) slots[j] = levers.get(j).lever().slot();
        this.batch = compiled.newBatchEvaluator(slots);
        this.base = compiled.parameters();
        this.capacity = capacity;
        this.values = new double[slots.length][capacity];
        this.out = new double[Metric.count()][capacity];
    }

    /** Bytes of heap a probe of {@code capacity} samples of {@code levers} levers holds, its batch evaluator's included. */
    static long heapBytes(CompiledScenario compiled, int levers, int capacity) {
        long columns = Heap.times(levers + (long) Metric.count(), Heap.plus(Heap.ARRAY, Heap.doubles(capacity)));
        return Heap.plus(columns, compiled.batchEvaluatorBytes());
    }

    /** Every metric of the first {@code count} samples of {@link #values} into {@link #out}. */
    void evaluate(int count) {
        batch.evaluate(base, values, count, out);
    }

    /** The {@code metrics} of the first {@code count} samples into {@code into[m][at + s]}, m the metric's place in the list. */
    void copy(List<Metric> metrics, int count, double[][] into, int at) {
        for (int m = 0; m < metrics.size(); m++) {
            System.arraycopy(out[metrics.get(m).ordinal()], 0, into[m], at, count);
        }
    }
}
