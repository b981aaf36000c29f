package io.parley.engine;

/**
 * The batch evaluator's two paths made on purpose, for the benchmarks to set side by side in one process:
 * its P&L on the Vector API (when the JVM has {@code jdk.incubator.vector}) or on the plain loops.
 */
public final class BatchPaths {

    private BatchPaths() {
    }

    /** {@code vectorApi}: the Vector API's path when the module is present; false: the plain loops. */
    public static BatchEvaluator newBatchEvaluator(CompiledScenario compiled, boolean vectorApi, int... slots) {
        return new BatchEvaluator(compiled, slots, vectorApi && VectorApi.AVAILABLE);
    }

    /** Whether {@code batch} runs its P&L on the Vector API. */
    public static boolean usesVectorApi(BatchEvaluator batch) {
        return batch.usesVectorApi();
    }
}
