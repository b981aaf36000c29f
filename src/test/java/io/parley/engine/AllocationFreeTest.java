package io.parley.engine;

import java.lang.management.ManagementFactory;
import java.util.function.IntConsumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.parley.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;

/** The hot path allocates nothing, so millions of evaluations put no load on the garbage collector. */
class AllocationFreeTest {

    @Test
    void evaluatingWithNewLeverValuesAllocatesNothing() {
        CompiledScenario compiled = CompiledScenario.compile(Fixtures.example("telecom-enterprise-monthly.json"));
        Evaluator evaluator = compiled.newEvaluator();
        double[] p = compiled.parameters();
        double[] out = new double[Metric.count()];
        int growth = compiled.slot("products[" + compiled.scenario().products().get(0).id() + "].volumeGrowth");
        int rate = compiled.slot("supplier.costOfCapital");
        long allocated = allocatedBy(evaluator, p, out, i -> {
            p[growth] = 0.001 * (i % 50);
            p[rate] = 0.05 + 0.001 * (i % 7);
        });
        // 20,000 evaluations; even one 16-byte object each would be 320 kB. Allow for the
        // measurement's own noise, far below one object per call.
        assertThat(allocated).isLessThan(20_000);
    }

    @Test
    void evaluatingWithRatesSetPerContractYearAllocatesNothing() {
        CompiledScenario compiled = CompiledScenario.compile(Fixtures.example("telecom-enterprise-monthly.json")).withYearSlots();
        Evaluator evaluator = compiled.newEvaluator();
        double[] p = compiled.parameters();
        double[] out = new double[Metric.count()];
        String first = compiled.scenario().products().get(0).id();
        int growth = compiled.slot("products[" + first + "].volumeGrowth[year=2]");
        int escalator = compiled.slot("products[" + first + "].priceEscalator[year=2]");
        int inflation = compiled.slot("costToServe.inflation[year=1]");
        long allocated = allocatedBy(evaluator, p, out, i -> {
            p[growth] = 0.001 * (i % 50);
            p[escalator] = 0.002 * (i % 11);
            p[inflation] = 0.01 + 0.001 * (i % 7);
        });
        assertThat(allocated).isLessThan(20_000); // as above: far below one object per call
    }

    /**
     * Both paths of the P&L, once compiled: the Vector API's boxes its vectors (an allocation each) until C2 has
     * compiled its loop, so the batches are first run long enough for that (tens of thousands of its tiles).
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void evaluatingBatchesAllocatesNothing(boolean vectorApi) {
        CompiledScenario compiled = CompiledScenario.compile(Fixtures.example("telecom-enterprise-monthly.json")).withYearSlots();
        String first = compiled.scenario().products().get(0).id();
        int[] slots = {
                compiled.slot("products[" + first + "].volumeGrowth"),
                compiled.slot("terms.discounts[" + first + "]"),
                compiled.slot("supplier.costOfCapital"),
                compiled.slot("costToServe.inflation[year=1]"),
                compiled.slot("terms.rebate.tiers[0].rate")};
        BatchEvaluator batch = new BatchEvaluator(compiled, slots, vectorApi);
        assertThat(batch.usesVectorApi()).isEqualTo(vectorApi);
        double[] base = compiled.parameters();
        int samples = 200;
        double[][] values = new double[slots.length][samples];
        for (int s = 0; s < samples; s++) {
            values[0][s] = 0.001 * (s % 50);
            values[1][s] = 0.01 * (s % 13);
            values[2][s] = 0.05 + 0.001 * (s % 7);
            values[3][s] = 0.01 + 0.001 * (s % 5);
            values[4][s] = 0.002 * (s % 3);
        }
        double[][] out = new double[Metric.count()][samples];
        for (int i = 0; i < WARM_UP_BATCHES; i++) {
            batch.evaluate(base, values, samples, out); // outside the measurement
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 100; i++) {
            batch.evaluate(base, values, samples, out);
        }
        // 20,000 evaluations in 100 batches: as above, far below one object per evaluation
        assertThat(threads.getThreadAllocatedBytes(tid) - before).isLessThan(20_000);
    }

    /** Batches of 200 samples run before a measurement: 25 tiles of 8 lanes each, about 50,000 tiles in all. */
    private static final int WARM_UP_BATCHES = 2_000;

    /** Bytes this thread allocates over 20,000 evaluations, each after {@code change} sets new lever values. */
    private static long allocatedBy(Evaluator evaluator, double[] p, double[] out, IntConsumer change) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        evaluator.evaluate(p, out); // first call outside the measurement
        long tid = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 20_000; i++) {
            change.accept(i);
            evaluator.evaluate(p, out);
        }
        return threads.getThreadAllocatedBytes(tid) - before;
    }
}
