package io.parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.parley.Fixtures;
import io.parley.analysis.BoundLever;
import io.parley.analysis.Distribution;
import io.parley.analysis.MonteCarlo;
import io.parley.analysis.Sampling;
import io.parley.analysis.SobolIndices;
import io.parley.engine.CompiledScenario;
import io.parley.engine.Metric;
import io.parley.model.Product;

/**
 * A million Monte Carlo samples, and a Sobol run with N = 2^14 over 10 levers, on the 5-product example:
 * wall-clock time of one whole run (single shot), on the given number of threads.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(1)
@State(Scope.Benchmark)
public class UncertaintyBenchmark {

    @Param({"1", "2"})
    public int threads;

    private CompiledScenario compiled;
    private final List<MonteCarlo.Uncertain> levers = new ArrayList<>();

    /** Ten uncertain levers: every line's volume (normal) and unit-cost inflation (triangular). */
    @Setup
    public void compile() {
        compiled = CompiledScenario.compile(Fixtures.example("packaging-retailer-renewal.json"));
        for (Product p : compiled.scenario().products()) {
            levers.add(new MonteCarlo.Uncertain(BoundLever.bind(compiled, "products[" + p.id() + "].baseVolume"),
                    new Distribution.Normal(p.baseVolume(), 0.08 * p.baseVolume())));
            levers.add(new MonteCarlo.Uncertain(BoundLever.bind(compiled, "products[" + p.id() + "].costInflation"),
                    new Distribution.Triangular(p.costInflation() - 0.01, p.costInflation(), p.costInflation() + 0.02)));
        }
    }

    @Benchmark
    public MonteCarlo.Result millionSamples() {
        return MonteCarlo.run(compiled, levers, List.of(Metric.NPV, Metric.CUSTOMER_NPV),
                new MonteCarlo.Config(1_000_000, Sampling.Method.LATIN_HYPERCUBE, 42, threads, null, null,
                        MonteCarlo.DEFAULT_PERCENTILES, List.of(new MonteCarlo.Threshold(Metric.NPV, true, 0)), 20));
    }

    /** N (k + 2) = 196,608 evaluations; intervals from 16 replicates (no bootstrap). */
    @Benchmark
    public List<SobolIndices.Result> sobolN16384Levers10() {
        return SobolIndices.run(compiled, levers, List.of(Metric.NPV), 1 << 14, 42, 0.95, false, threads);
    }
}
