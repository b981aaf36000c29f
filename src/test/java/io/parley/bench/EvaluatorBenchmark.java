package io.parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.parley.Fixtures;
import io.parley.engine.BatchEvaluator;
import io.parley.engine.BatchPaths;
import io.parley.engine.CompiledScenario;
import io.parley.engine.Evaluator;
import io.parley.engine.Metric;
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
 * Evaluations per second of a compiled scenario with a new lever value each time, as the analyses
 * use it. Run with {@code mvn -Pbench test-compile exec:exec}; figures are in docs/performance.md.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class EvaluatorBenchmark {

    /** small: the 5-product, 5-year annual example; large: 20 products over 10 years, monthly. */
    @Param({"small", "large"})
    public String size;

    /**
     * The batch evaluator's path: its P&L, tiers and product sums on the Vector API (when the JVM has
     * jdk.incubator.vector, as the scripts start JMH; else the plain loops) or on the plain loops.
     */
    @Param({"vector", "plain"})
    public String batchPath;

    private Evaluator evaluator;
    private double[] parameters;
    private final double[] summary = new double[Metric.count()];
    private int discountSlot;
    private int growthSlot;
    /** The same scenario with a slot per contract year for each rate, and the first product's growth in year 2. */
    private Evaluator yearsEvaluator;
    private double[] yearsParameters;
    private int yearGrowthSlot;
    private long calls;
    /** Batches of {@link #BATCH} samples, a new discount (or growth rate) in each, all 21 metrics of each. */
    private BatchEvaluator discountBatch;
    private BatchEvaluator growthBatch;
    private double[][] batchValues;
    private final double[][] batchOut = new double[Metric.count()][BATCH];
    static final int BATCH = 1024;

    @Setup
    public void compile() {
        Scenario scenario = size.equals("small") ? Fixtures.example("packaging-retailer-renewal.json") : large();
        CompiledScenario compiled = CompiledScenario.compile(scenario);
        evaluator = compiled.newEvaluator();
        parameters = compiled.parameters();
        String first = scenario.products().get(0).id();
        discountSlot = compiled.slot("terms.discounts[" + first + "]");
        growthSlot = compiled.slot("products[" + first + "].volumeGrowth");
        CompiledScenario years = compiled.withYearSlots();
        yearsEvaluator = years.newEvaluator();
        yearsParameters = years.parameters();
        yearGrowthSlot = years.slot("products[" + first + "].volumeGrowth[year=2]");
        boolean vectorApi = batchPath.equals("vector");
        discountBatch = BatchPaths.newBatchEvaluator(compiled, vectorApi, discountSlot);
        growthBatch = BatchPaths.newBatchEvaluator(compiled, vectorApi, growthSlot);
        batchValues = new double[1][BATCH];
        for (int i = 0; i < BATCH; i++) {
            batchValues[0][i] = 0.01 + 0.0001 * i; // the values newDiscount and newGrowthRate cycle through
        }
    }

    /** {@link #newDiscount}'s 1,024 discounts as one batch: evaluations per second comparable with it. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public double batchOfDiscounts() {
        discountBatch.evaluate(parameters, batchValues, BATCH, batchOut);
        return batchOut[Metric.NPV.ordinal()][BATCH - 1];
    }

    /** {@link #newGrowthRate}'s 1,024 growth rates as one batch. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public double batchOfGrowthRates() {
        growthBatch.evaluate(parameters, batchValues, BATCH, batchOut);
        return batchOut[Metric.NPV.ordinal()][BATCH - 1];
    }

    /** A new discount every call: the common case of a sweep over one lever. */
    @Benchmark
    public double newDiscount() {
        parameters[discountSlot] = 0.01 + 0.0001 * (calls++ & 1023);
        evaluator.evaluate(parameters, summary);
        return summary[Metric.NPV.ordinal()];
    }

    /** A new volume growth every call: the worst case, one Math.pow per call for the changed line. */
    @Benchmark
    public double newGrowthRate() {
        parameters[growthSlot] = 0.01 + 0.0001 * (calls++ & 1023);
        evaluator.evaluate(parameters, summary);
        return summary[Metric.NPV.ordinal()];
    }

    /** 20 product lines, 10 years, monthly, with rebates and services on both sides. */
    static Scenario large() {
        List<Product> products = new ArrayList<>();
        Map<String, Double> discounts = new java.util.HashMap<>();
        for (int i = 0; i < 20; i++) {
            String id = "line-" + i;
            products.add(new Product(id, 10_000 + 1_000 * i, 20 + i, 12 + 0.5 * i, 0.01 * (i % 5), 0.02, 0.025));
            discounts.put(id, 0.02 + 0.002 * i);
        }
        Rebate rebate = new Rebate(RebateBasis.INCREMENTAL, List.of(
                new RebateTier(0, 0.005), new RebateTier(5_000_000, 0.01), new RebateTier(8_000_000, 0.015)));
        Terms terms = new Terms(discounts, rebate, 60, 3, 0.8, List.of(new Service("vmi", 50_000, 80_000)), 100_000);
        Terms baseline = new Terms(Map.of(), new Rebate(RebateBasis.RETROACTIVE, List.of(new RebateTier(6_000_000, 0.01))),
                30, 3, 0.8, List.of(), 100_000);
        return new Scenario("large benchmark account", "", "EUR", new Horizon(10, 12), 0.08, 0.1, products, terms, baseline,
                new CostToServe(250_000, 0.03));
    }

    /** A new volume growth for one contract year every call: a Monte Carlo run with a perYear lever. */
    @Benchmark
    public double newGrowthRateOfOneYear() {
        yearsParameters[yearGrowthSlot] = 0.01 + 0.0001 * (calls++ & 1023);
        yearsEvaluator.evaluate(yearsParameters, summary);
        return summary[Metric.NPV.ordinal()];
    }
}
