package io.parley.engine;

import java.lang.management.ManagementFactory;
import java.util.function.IntConsumer;

import org.junit.jupiter.api.Test;

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
