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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import io.parley.analysis.BoundLever;
import io.parley.engine.CompiledScenario;
import io.parley.engine.Metric;
import io.parley.model.CostToServe;
import io.parley.model.Horizon;
import io.parley.model.Levers;
import io.parley.model.Product;
import io.parley.model.Rebate;
import io.parley.model.Scenario;
import io.parley.model.Service;
import io.parley.model.Terms;
import io.parley.optimize.Constraint;
import io.parley.optimize.DealOptimizer;
import io.parley.optimize.DealProblem;
import io.parley.optimize.Decision;
import io.parley.optimize.Frontier;
import io.parley.optimize.LinearForm;
import io.parley.optimize.MetricRules;
import io.parley.optimize.Objective;
import io.parley.optimize.Quantity;
import io.parley.optimize.Solvers;

/**
 * A whole optimisation of a 10-product, 5-year annual deal with 30 decisions, measured end to end
 * (the engine-measured linear model, the MIP solve, the engine's re-evaluation and the sensitivity and
 * limits reports), once per MIP backend; and a 20-point negotiation frontier on the same deal.
 *
 * <p>Decisions: 20 continuous — the 10 line discounts (0–15 %) and the 10 unit costs a cost-down
 * programme may reach (90–100 % of today's, within a shared capacity rule) — and 10 menus: payment
 * days {30, 45, 60, 90}, an automation investment {none, basic, full} (upfront investment against a
 * lower fixed cost to serve) and 8 services each included or not. No rebate, so every figure is linear
 * in the continuous decisions. Payment days change what every point of discount costs in financing,
 * so the 10 discounts are attached to that menu (the disjunctive model); the other menus add up.
 * Rules: customerNpv ≥ a target, a 28 % contribution-margin floor in every year
 * (minYearContributionMarginPct ≥ 0.28 as the API writes it), the cost-down capacity.
 *
 * <p>The contract term is not a menu here: with renewal risk it weights every year, so it interacts
 * with every other menu and all ten would become one compound menu (3 terms × 4 payment days × 2⁸
 * services = 3072 options with the 20 continuous decisions attached: about 20 s per solve with CBC, no
 * proven optimum in 60 s with SCIP).
 *
 * <p>Run: {@code mvn -B -o -q test-compile}, then
 * {@code java -cp target/test-classes:target/classes:<test classpath> org.openjdk.jmh.Main OptimizerBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
@State(Scope.Benchmark)
public class OptimizerBenchmark {

    static final int LINES = 10;
    static final int SERVICES = 8;
    static final double MARGIN_FLOOR = 0.28;
    /** The cost-down programme may take at most this share off the volume-weighted unit cost. */
    static final double COST_DOWN_CAPACITY = 0.05;

    @Param({"CBC", "SCIP"})
    public String backend;

    private DealProblem problem;

    @Setup
    public void build() {
        Solvers.load();
        problem = problem(60);
    }

    /** The full optimisation, reports included, as POST /api/v1/optimize runs it. */
    @Benchmark
    public DealOptimizer.Solution solve() {
        DealOptimizer.Solution s = DealOptimizer.solve(problem, backend, true);
        if (s.status() != DealOptimizer.Status.OPTIMAL) throw new IllegalStateException("not solved: " + s.status());
        return s;
    }

    /** A 20-point frontier of npv against customerNpv over the same decisions and rules. */
    @Benchmark
    public Frontier.Result frontier() {
        return Frontier.trace(problem, LinearForm.of(new Quantity.OfMetric(Metric.NPV), 1),
                LinearForm.of(new Quantity.OfMetric(Metric.CUSTOMER_NPV), 1), 20, Double.NaN, Double.NaN, backend);
    }

    /** Ten lines over 5 annual years, no rebate, 8 optional services, an 85 % renewal chance per 3-year term. */
    static Scenario deal() {
        List<Product> products = new ArrayList<>();
        Map<String, Double> discounts = new HashMap<>();
        for (int i = 0; i < LINES; i++) {
            String id = "line-" + i;
            products.add(new Product(id, 10_000 + 1_000 * i, 20 + i, 12 + 0.5 * i, 0.01 * (i % 5), 0.02, 0.025));
            discounts.put(id, 0.02 + 0.002 * i);
        }
        List<Service> services = new ArrayList<>();
        for (int k = 0; k < SERVICES; k++) {
            double cost = 20_000 + 5_000 * k;
            services.add(new Service("svc-" + k, cost, cost * (0.7 + 0.12 * k)));
        }
        Terms terms = new Terms(discounts, Rebate.NONE, 30, 3, 0.85, services, 100_000);
        Terms baseline = new Terms(Map.of(), Rebate.NONE, 30, 3, 0.85, List.of(), 100_000);
        return new Scenario("optimiser benchmark account", "", "EUR", new Horizon(5, 1), 0.08, 0.10, products, terms,
                baseline, new CostToServe(250_000, 0.03));
    }

    static DealProblem problem(double timeLimitSeconds) {
        Scenario scenario = deal();
        CompiledScenario c = CompiledScenario.compile(scenario);
        List<Decision> decisions = new ArrayList<>();
        Map<Integer, Double> costWeights = new HashMap<>();
        double weightedCost = 0;
        for (int i = 0; i < LINES; i++) {
            decisions.add(new Decision.Continuous(BoundLever.bind(c, "terms.discounts[line-" + i + "]"), 0, 0.15));
        }
        for (int i = 0; i < LINES; i++) {
            Product p = scenario.products().get(i);
            BoundLever cost = BoundLever.bind(c, "products[line-" + i + "].unitCost");
            costWeights.put(decisions.size(), p.baseVolume());
            weightedCost += p.baseVolume() * p.unitCost();
            decisions.add(new Decision.Continuous(cost, 0.9 * p.unitCost(), p.unitCost()));
        }
        decisions.add(Decision.Menu.of(BoundLever.bind(c, "terms.paymentDays"), new double[] {30, 45, 60, 90}));
        // automation: none / basic / full, paid up front, saving fixed cost to serve every year
        decisions.add(new Decision.Menu("automation", new double[] {0, 1, 2}, List.of(
                new Decision.Setting(BoundLever.bind(c, "terms.upfrontInvestment"), new double[] {100_000, 250_000, 420_000}),
                new Decision.Setting(BoundLever.bind(c, "costToServe.fixedPerYear"), new double[] {250_000, 200_000, 160_000}))));
        for (int k = 0; k < SERVICES; k++) {
            String service = "terms.services[svc-" + k + "]";
            decisions.add(Decision.Menu.include(service, BoundLever.bind(c, service + ".costPerYear"),
                    BoundLever.bind(c, service + ".valuePerYear")));
        }

        List<Constraint> rules = new ArrayList<>();
        rules.add(new Constraint("customer NPV ≥ target", LinearForm.of(new Quantity.OfMetric(Metric.CUSTOMER_NPV), 1),
                customerTarget(scenario), Double.POSITIVE_INFINITY));
        // contribution ≥ 28 % × (net revenue − rebate) in each of the 5 years
        rules.addAll(MetricRules.bound("minYearContributionMarginPct ≥ 0.28", Metric.MIN_YEAR_CONTRIBUTION_MARGIN_PCT,
                MARGIN_FLOOR, Double.POSITIVE_INFINITY, 5));
        rules.add(new Constraint("cost-down capacity", new LinearForm(Map.of(), costWeights),
                (1 - COST_DOWN_CAPACITY) * weightedCost, Double.POSITIVE_INFINITY));
        return new DealProblem(c, decisions, new Objective(true, LinearForm.of(new Quantity.OfMetric(Metric.NPV), 1)),
                rules, timeLimitSeconds);
    }

    /** What the customer gets from a middle-of-the-road deal: 6 % off every line, 60 days, every service. */
    static double customerTarget(Scenario s) {
        Scenario t = s;
        for (int i = 0; i < LINES; i++) t = set(t, "terms.discounts[line-" + i + "]", 0.06);
        t = set(t, "terms.paymentDays", 60);
        return CompiledScenario.compile(t).summary()[Metric.CUSTOMER_NPV.ordinal()];
    }

    private static Scenario set(Scenario s, String path, double value) {
        return Levers.apply(s, Levers.resolve(path, s), value);
    }
}
