package io.parley.model;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.SplittableRandom;

import io.parley.Fixtures;
import io.parley.analysis.BoundLever;
import io.parley.analysis.Grid;
import io.parley.analysis.Sweep;
import io.parley.engine.CompiledScenario;
import io.parley.engine.Metric;

/**
 * {@link PlainDecimalWriter} with {@link ShortestDecimal} against the JDK's digits alone (the writer as it
 * was), as this thread's CPU time per number, the two alternating round by round in one process: under
 * load a far steadier figure than wall-clock time. Prints, per set of numbers, how many ShortestDecimal
 * answers and the best round of the second half for each path (the first half warms the JIT up).
 *
 * <p>The sets: every number a streamed sweep writes (the 1000 × 1000 grid of {@code SweepStreamBenchmark}:
 * discount, payment days, npv), its npv column alone, doubles of money-like magnitudes, and doubles of
 * random bits (nearly all out of range: the cost of declining).
 * Usage: {@code PlainDecimalThreadCpu [rounds=12]}, on the test classpath.
 */
public final class PlainDecimalThreadCpu {

    private static final int RANDOM_NUMBERS = 1_000_000;

    private PlainDecimalThreadCpu() {
    }

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        double[][] sweep = sweepColumns();
        double[] all = new double[sweep[0].length * 3];
        for (int i = 0; i < sweep[0].length; i++) {
            for (int c = 0; c < 3; c++) all[3 * i + c] = sweep[c][i];
        }
        SplittableRandom random = new SplittableRandom(17);
        double[] money = new double[RANDOM_NUMBERS];
        double[] bits = new double[RANDOM_NUMBERS];
        for (int i = 0; i < RANDOM_NUMBERS; i++) {
            money[i] = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-3, 10));
            bits[i] = Double.longBitsToDouble(random.nextLong());
        }
        measure("sweep, every number written (levers and npv)", all, rounds);
        measure("sweep, npv column", sweep[2], rounds);
        measure("money-like doubles, 10^-3 to 10^9", money, rounds);
        measure("random bit patterns", bits, rounds);
    }

    /** The discount, payment days and npv of each point of SweepStreamBenchmark's grid, in the order written. */
    private static double[][] sweepColumns() throws IOException {
        CompiledScenario compiled = CompiledScenario.compile(Fixtures.example("packaging-retailer-renewal.json"));
        Grid grid = new Grid(List.of(BoundLever.bind(compiled, "terms.discounts[srp-trays]"),
                BoundLever.bind(compiled, "terms.paymentDays")),
                List.of(Grid.range(0, 0.1, 999), Grid.range(0, 90, 999)));
        int points = (int) grid.size();
        double[][] columns = new double[3][points];
        Sweep.run(compiled, grid, List.of(Metric.NPV), 0, points, (index, levers, values) -> {
            columns[0][(int) index] = levers[0];
            columns[1][(int) index] = levers[1];
            columns[2][(int) index] = values[0];
        });
        return columns;
    }

    private static void measure(String name, double[] numbers, int rounds) {
        long answered = 0;
        for (double v : numbers) {
            if (v != Math.rint(v) && ShortestDecimal.of(v) != ShortestDecimal.DECLINED) answered++;
        }
        long whole = 0;
        for (double v : numbers) {
            if (v == Math.rint(v) && Math.abs(v) < 1e15) whole++;
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        PlainDecimalWriter writer = new PlainDecimalWriter();
        byte[] out = new byte[PlainDecimalWriter.MAX_LENGTH];
        long sink = 0;
        double bestJdk = Double.POSITIVE_INFINITY;
        double bestNew = Double.POSITIVE_INFINITY;
        for (int r = 0; r < rounds; r++) {
            long t0 = threads.getCurrentThreadCpuTime();
            for (double v : numbers) {
                sink += v == Math.rint(v) && Math.abs(v) < 1e15 // the writer as it was: whole numbers, else the JDK
                        ? PlainDecimalWriter.write((long) v, out, 0) : writer.writeJdkDigits(v, out, 0);
            }
            long t1 = threads.getCurrentThreadCpuTime();
            for (double v : numbers) {
                sink += writer.write(v, out, 0);
            }
            long t2 = threads.getCurrentThreadCpuTime();
            if (r >= rounds / 2) {
                bestJdk = Math.min(bestJdk, (double) (t1 - t0) / numbers.length);
                bestNew = Math.min(bestNew, (double) (t2 - t1) / numbers.length);
            }
        }
        System.out.printf("%s: %,d numbers, %,d whole (written as longs by both), %,d answered by ShortestDecimal (%.1f %% of the rest)%n",
                name, numbers.length, whole, answered, 100.0 * answered / Math.max(1, numbers.length - whole));
        System.out.printf("  thread CPU per number, best of rounds %d-%d: JDK digits %.1f ns, with ShortestDecimal %.1f ns (%.2fx)  (sink %d)%n",
                rounds / 2 + 1, rounds, bestJdk, bestNew, bestJdk / bestNew, sink % 10);
    }
}
