package io.parley.bench;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import io.parley.Fixtures;
import io.parley.analysis.BoundLever;
import io.parley.analysis.Grid;
import io.parley.analysis.Sweep;
import io.parley.engine.CompiledScenario;
import io.parley.engine.Metric;

/**
 * Sweep throughput through the engine, in points per second: a 1000 × 1000 grid (a million points)
 * over a discount and the payment days of the 5-product example. The same sweep through the
 * streaming HTTP endpoint is timed by scripts/bench-sweep-http.sh.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@State(Scope.Thread)
public class SweepBenchmark {

    static final int POINTS = 1_000_000;

    private CompiledScenario compiled;
    private Grid grid;
    private final List<Metric> metrics = List.of(Metric.NPV);

    @Setup
    public void compile() {
        compiled = CompiledScenario.compile(Fixtures.example("packaging-retailer-renewal.json"));
        grid = new Grid(List.of(BoundLever.bind(compiled, "terms.discounts[srp-trays]"),
                BoundLever.bind(compiled, "terms.paymentDays")),
                List.of(Grid.range(0, 0.1, 999), Grid.range(0, 90, 999)));
    }

    /** One invocation sweeps the whole million-point grid; the score is points per second. */
    @Benchmark
    @OperationsPerInvocation(POINTS)
    public void millionPointSweep(Blackhole sink) throws IOException {
        Sweep.run(compiled, grid, metrics, 0, grid.size(), (index, levers, values) -> sink.consume(values[0]));
    }
}
