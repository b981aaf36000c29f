package io.parley.engine;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;

import io.parley.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;

/** The hot path allocates nothing, so millions of evaluations put no load on the garbage collector. */
class AllocationFreeTest {

    @Test
    void evaluatingWithNewLeverValuesAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        CompiledScenario compiled = CompiledScenario.compile(Fixtures.example("telecom-enterprise-monthly.json"));
        Evaluator evaluator = compiled.newEvaluator();
        double[] p = compiled.parameters();
        double[] out = new double[Metric.count()];
        int growth = compiled.slot("products[" + compiled.scenario().products().get(0).id() + "].volumeGrowth");
        int rate = compiled.slot("supplier.costOfCapital");
        evaluator.evaluate(p, out); // first call outside the measurement

        long tid = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 20_000; i++) {
            p[growth] = 0.001 * (i % 50);
            p[rate] = 0.05 + 0.001 * (i % 7);
            evaluator.evaluate(p, out);
        }
        long allocated = threads.getThreadAllocatedBytes(tid) - before;
        // 20,000 evaluations; even one 16-byte object each would be 320 kB. Allow for the
        // measurement's own noise, far below one object per call.
        assertThat(allocated).isLessThan(20_000);
    }
}
