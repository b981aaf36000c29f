package io.parley.api;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.parley.Fixtures;
import io.parley.analysis.BoundLever;
import io.parley.analysis.Grid;
import io.parley.engine.CompiledScenario;
import io.parley.engine.Metric;

/**
 * The streamed sweep of {@code bench/SweepBenchmark} (a 1000 × 1000 grid over a discount and the
 * payment days of the 5-product example, metric {@code npv}) written as the endpoint writes it, CSV
 * or NDJSON ({@code SweepResource.rows}), into a stream that discards the bytes: points per second and, with {@code -prof gc},
 * bytes allocated per point, without the network and the client that share the cores over HTTP.
 *
 * <p>{@code mvn -B -Pbench test-compile exec:exec -Dbench.args=SweepStreamBenchmark} runs it; with
 * {@code -prof gc}, JMH started directly as docs/performance.md shows. scripts/bench-sweep-http.sh
 * prints its score beside the HTTP figure.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
@State(Scope.Thread)
public class SweepStreamBenchmark {

    static final int POINTS = 1_000_000;

    @Param({"CSV", "NDJSON"})
    public String format;

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

    /** One invocation streams the whole million-point grid; the score is points per second. */
    @Benchmark
    @OperationsPerInvocation(POINTS)
    public void millionPointStream() throws IOException {
        SweepResource.rows(compiled, grid, metrics, 0, grid.size(), Format.valueOf(format), OutputStream.nullOutputStream());
    }
}
