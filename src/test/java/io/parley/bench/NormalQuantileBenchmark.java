package io.parley.bench;

import java.util.concurrent.TimeUnit;

import org.hipparchus.distribution.continuous.NormalDistribution;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.parley.analysis.NormalQuantile;

/**
 * The standard normal quantile of 1,000 probabilities spread over (0, 1), by Wichura's AS 241 (what
 * Monte Carlo draws use) and by Hipparchus (what they used before), side by side in one run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class NormalQuantileBenchmark {

    private static final int POINTS = 1000;
    private final NormalDistribution hipparchus = new NormalDistribution(0, 1);

    @Benchmark
    public double wichuraAs241() {
        double sum = 0;
        for (int i = 0; i < POINTS; i++) sum += NormalQuantile.of((i + 0.5) / POINTS);
        return sum;
    }

    @Benchmark
    public double hipparchus() {
        double sum = 0;
        for (int i = 0; i < POINTS; i++) sum += hipparchus.inverseCumulativeProbability((i + 0.5) / POINTS);
        return sum;
    }
}
