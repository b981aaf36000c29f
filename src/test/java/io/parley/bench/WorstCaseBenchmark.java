package io.parley.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.parley.engine.CompiledScenario;
import io.parley.engine.Evaluator;
import io.parley.engine.Metric;
import io.parley.engine.Work;
import io.parley.model.CostToServe;
import io.parley.model.Horizon;
import io.parley.model.Product;
import io.parley.model.Rebate;
import io.parley.model.RebateBasis;
import io.parley.model.RebateTier;
import io.parley.model.Scenario;
import io.parley.model.Service;
import io.parley.model.Terms;

/**
 * The time of one evaluation of the largest scenario the model takes (1000 products, 50 years,
 * monthly: 600,000 product-periods), watched as the service watches every request. Divided by
 * 600,000 it is the time of one unit of cost (engine/Cost), and times the ceiling
 * ({@code parley.limits.max-cost-units}) the longest the worst request accepted computes on one core:
 * the bound docs/performance.md states. Run with {@code mvn -Pbench test-compile exec:exec
 * -Dbench.args=WorstCase}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class WorstCaseBenchmark {

    private Evaluator evaluator;
    private double[] parameters;
    private final double[] summary = new double[Metric.count()];
    private int growthSlot;
    private long calls;

    @Setup
    public void compile() {
        CompiledScenario compiled = CompiledScenario.compile(largest()).watchedBy(new Work());
        evaluator = compiled.newEvaluator();
        parameters = compiled.parameters();
        growthSlot = compiled.slot("products[line-0].volumeGrowth");
    }

    /** A new volume growth every call, the slower kind of change (one Math.pow for the line). */
    @Benchmark
    public double evaluation() {
        parameters[growthSlot] = 0.01 + 0.0001 * (calls++ & 1023);
        evaluator.evaluate(parameters, summary);
        return summary[Metric.NPV.ordinal()];
    }

    /** 1000 product lines, 50 years monthly, with tiered rebates and a service on both sides. */
    static Scenario largest() {
        List<Product> products = new ArrayList<>();
        Map<String, Double> discounts = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            String id = "line-" + i;
            products.add(new Product(id, 10_000 + 10 * i, 20 + i % 50, 12 + 0.01 * i, 0.01 * (i % 5), 0.02, 0.025));
            discounts.put(id, 0.02 + 0.00005 * i);
        }
        Rebate rebate = new Rebate(RebateBasis.INCREMENTAL, List.of(
                new RebateTier(0, 0.005), new RebateTier(250_000_000, 0.01), new RebateTier(400_000_000, 0.015)));
        Terms terms = new Terms(discounts, rebate, 60, 50, 0.8, List.of(new Service("vmi", 50_000, 80_000)), 100_000);
        Terms baseline = new Terms(Map.of(), new Rebate(RebateBasis.RETROACTIVE, List.of(new RebateTier(300_000_000, 0.01))),
                30, 50, 0.8, List.of(), 100_000);
        return new Scenario("largest scenario", "", "EUR", new Horizon(50, 12), 0.08, 0.1, products, terms, baseline,
                new CostToServe(250_000, 0.03));
    }
}
