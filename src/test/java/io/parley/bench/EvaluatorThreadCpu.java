package io.parley.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

import io.parley.Fixtures;
import io.parley.engine.BatchEvaluator;
import io.parley.engine.BatchPaths;
import io.parley.engine.CompiledScenario;
import io.parley.engine.Evaluator;
import io.parley.engine.Metric;

/**
 * {@link EvaluatorBenchmark}'s {@code newDiscount} and {@code batchOfDiscounts} (small example) timed as this
 * thread's CPU time, alternating in one process: a figure that other work on the machine moves far less than
 * wall-clock time, to set beside the C reference's own thread CPU time ({@code scripts/bench/c-reference}).
 * The batch evaluator runs twice a round, on its plain loops and on the Vector API (when the JVM has
 * jdk.incubator.vector); its "Java batch" line is the one the service takes. Prints one line per variant, the
 * best round of the second half (the first half warms the JIT up); {@code verbose} prints every round.
 * Usage: {@code EvaluatorThreadCpu [rounds=12] [evaluations per round=2000000] [verbose]}.
 */
public final class EvaluatorThreadCpu {

    private EvaluatorThreadCpu() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 2_000_000;
        boolean verbose = args.length > 2 && args[2].equals("verbose");
        int batch = EvaluatorBenchmark.BATCH;
        CompiledScenario compiled = CompiledScenario.compile(Fixtures.example("packaging-retailer-renewal.json"));
        String first = compiled.scenario().products().get(0).id();
        int slot = compiled.slot("terms.discounts[" + first + "]");
        Evaluator evaluator = compiled.newEvaluator();
        BatchEvaluator batchEvaluator = BatchPaths.newBatchEvaluator(compiled, false, slot);
        BatchEvaluator vectorEvaluator = BatchPaths.newBatchEvaluator(compiled, true, slot);
        boolean vector = BatchPaths.usesVectorApi(vectorEvaluator);
        double[] p = compiled.parameters();
        double[] summary = new double[Metric.count()];
        double[][] values = new double[1][batch];
        double[][] out = new double[Metric.count()][batch];
        for (int i = 0; i < batch; i++) {
            values[0][i] = 0.01 + 0.0001 * i; // the discounts newDiscount cycles through
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double bestPlain = Double.POSITIVE_INFINITY;
        double bestBatch = Double.POSITIVE_INFINITY;
        double bestVector = Double.POSITIVE_INFINITY;
        double sink = 0;
        long calls = 0;
        double own = p[slot];
        for (int r = 0; r < rounds; r++) {
            long t0 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < perRound; i++) {
                p[slot] = 0.01 + 0.0001 * (calls++ & 1023);
                evaluator.evaluate(p, summary);
                sink += summary[Metric.NPV.ordinal()];
            }
            long t1 = threads.getCurrentThreadCpuTime();
            p[slot] = own;
            for (int i = 0; i < perRound / batch; i++) {
                batchEvaluator.evaluate(p, values, batch, out);
                sink += out[Metric.NPV.ordinal()][batch - 1];
            }
            long t2 = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < perRound / batch; i++) {
                vectorEvaluator.evaluate(p, values, batch, out);
                sink += out[Metric.NPV.ordinal()][batch - 1];
            }
            long t3 = threads.getCurrentThreadCpuTime();
            if (r >= rounds / 2) {
                bestPlain = Math.min(bestPlain, (double) (t1 - t0) / perRound);
                bestBatch = Math.min(bestBatch, (double) (t2 - t1) / (perRound / batch * batch));
                bestVector = Math.min(bestVector, (double) (t3 - t2) / (perRound / batch * batch));
            }
            if (verbose) {
                System.out.printf("round %d: plain %.1f, batch (plain loops) %.1f, batch (Vector API) %.1f ns%n", r + 1,
                        (double) (t1 - t0) / perRound, (double) (t2 - t1) / (perRound / batch * batch),
                        (double) (t3 - t2) / (perRound / batch * batch));
            }
        }
        System.out.printf("Java plain (Evaluator, new discount each call): thread CPU %.1f ns (%.2f M/s), best of rounds %d-%d%n",
                bestPlain, 1e3 / bestPlain, rounds / 2 + 1, rounds);
        System.out.printf("Java batch (BatchEvaluator, 1024 discounts a batch): thread CPU %.1f ns (%.2f M/s), best of rounds %d-%d%n",
                vector ? bestVector : bestBatch, 1e3 / (vector ? bestVector : bestBatch), rounds / 2 + 1, rounds);
        System.out.printf("Java batch on the plain loops: thread CPU %.1f ns; on the Vector API: %s%n", bestBatch,
                vector ? String.format("%.1f ns", bestVector) : "not available (start with --add-modules jdk.incubator.vector)");
        System.out.println("(sink " + sink + ")");
    }
}
