package io.parley.optimize;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.assertj.core.data.Offset;

import io.parley.analysis.BoundLever;
import io.parley.engine.CompiledScenario;
import io.parley.engine.Metric;
import io.parley.engine.Report;
import io.parley.model.CostToServe;
import io.parley.model.Horizon;
import io.parley.model.Levers;
import io.parley.model.Product;
import io.parley.model.Scenario;
import io.parley.model.Terms;

import static org.assertj.core.api.Assertions.within;

/**
 * The independent side of the optimiser tests: a "direct evaluation" changes the scenario itself
 * through {@link Levers#apply}, compiles it afresh and reads its summary or contract-year table — no
 * parameter slots, no affine model, no solver. Also builders for problems and tolerances.
 */
final class Direct {

    static final Quantity NPV = new Quantity.OfMetric(Metric.NPV);
    static final Quantity CUSTOMER_NPV = new Quantity.OfMetric(Metric.CUSTOMER_NPV);

    private Direct() {
    }

    // ------------------------------------------------------------------ evaluating

    /** The scenario with the lever at {@code path} set to {@code value}. */
    static Scenario set(Scenario s, String path, double value) {
        return io.parley.Fixtures.with(s, path, value);
    }

    /** The scenario with each (path, value) pair applied in turn. */
    static Scenario set(Scenario s, Object... pathValuePairs) {
        return io.parley.Fixtures.with(s, pathValuePairs);
    }

    /** The scenario with a service of the terms left out (its cost and its value set to 0). */
    static Scenario withoutService(Scenario s, String id) {
        return set(s, "terms.services[" + id + "].costPerYear", 0, "terms.services[" + id + "].valuePerYear", 0);
    }

    static double metric(Scenario s, Metric m) {
        return CompiledScenario.compile(s).summary()[m.ordinal()];
    }

    static Report report(Scenario s) {
        return CompiledScenario.compile(s).report();
    }

    /** A quantity read from a fresh compilation of the scenario. */
    static double read(Scenario s, Quantity q) {
        return q.read(report(s));
    }

    /** The value of a linear form on the scenario (decision terms taken from {@code values}). */
    static double value(Scenario s, LinearForm form, double[] values) {
        Report r = report(s);
        double v = 0;
        for (Map.Entry<Quantity, Double> e : form.quantities().entrySet()) v += e.getValue() * e.getKey().read(r);
        for (Map.Entry<Integer, Double> e : form.decisions().entrySet()) v += e.getValue() * values[e.getKey()];
        return v;
    }

    /**
     * The scenario with the answer's decision values written into it by lever path: a continuous
     * decision or a menu option sets its levers to the values that option stands for.
     */
    static Scenario applied(Scenario s, List<Decision> decisions, double[] values) {
        Scenario out = s;
        for (int i = 0; i < decisions.size(); i++) {
            Decision d = decisions.get(i);
            if (d instanceof Decision.Continuous c) {
                out = set(out, c.lever().path(), values[i]);
            } else {
                Decision.Menu m = (Decision.Menu) d;
                int option = -1;
                for (int o = 0; o < m.options().length; o++) if (m.options()[o] == values[i]) option = o;
                if (option < 0) throw new AssertionError(m.name() + " = " + values[i] + " is not one of its options");
                for (Decision.Setting setting : m.settings()) out = set(out, setting.lever().path(), setting.values()[option]);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ building problems

    static BoundLever lever(CompiledScenario c, String path) {
        return BoundLever.bind(c, path);
    }

    static Decision.Continuous continuous(CompiledScenario c, String path, double min, double max) {
        return new Decision.Continuous(lever(c, path), min, max);
    }

    static Decision.Menu menu(CompiledScenario c, String path, double... options) {
        return Decision.Menu.of(lever(c, path), options);
    }

    static Decision.Menu include(CompiledScenario c, String serviceId) {
        String service = "terms.services[" + serviceId + "]";
        return Decision.Menu.include(service, lever(c, service + ".costPerYear"), lever(c, service + ".valuePerYear"));
    }

    static Objective maximise(Quantity q) {
        return new Objective(true, LinearForm.of(q, 1));
    }

    static Constraint atLeast(String name, Quantity q, double min) {
        return new Constraint(name, LinearForm.of(q, 1), min, Double.POSITIVE_INFINITY);
    }

    static Constraint atMost(String name, Quantity q, double max) {
        return new Constraint(name, LinearForm.of(q, 1), Double.NEGATIVE_INFINITY, max);
    }

    static DealProblem problem(CompiledScenario c, List<Decision> decisions, Objective objective, Constraint... rules) {
        return new DealProblem(c, decisions, objective, List.of(rules), 30);
    }

    static DealProblem withBound(DealProblem p, int rule, double min, double max) {
        List<Constraint> rules = new ArrayList<>(p.constraints());
        Constraint old = rules.get(rule);
        rules.set(rule, new Constraint(old.name(), old.form(), min, max));
        return p.withConstraints(rules);
    }

    // ------------------------------------------------------------------ scenarios

    /**
     * Three products over 5 annual years, each with a different time profile (shrinking, flat, growing)
     * and a customer far more impatient than the supplier (25 % against 6 %), so a point of discount on
     * each buys a clearly different amount of customer NPV per euro of supplier NPV. No rebate, no
     * payment days: every figure is linear in the discounts.
     */
    static Scenario threeProfiles() {
        return threeProfiles(1);
    }

    /**
     * {@link #threeProfiles()} with every volume and the fixed cost to serve times {@code scale}: every
     * money figure scales by it, every ratio stays.
     */
    static Scenario threeProfiles(double scale) {
        List<Product> products = List.of(
                new Product("shrinking", 10_000 * scale, 50, 30, -0.30, 0, 0),
                new Product("flat", 8_000 * scale, 40, 25, 0, 0, 0),
                new Product("growing", 4_000 * scale, 60, 35, 0.40, 0, 0));
        return new Scenario("three profiles", "", "EUR", new Horizon(5, 1), 0.06, 0.25, products,
                Terms.listPriceStatusQuo(5), Terms.listPriceStatusQuo(5), new CostToServe(50_000 * scale, 0));
    }

    // ------------------------------------------------------------------ tolerances

    /** Within {@code relative} of {@code want} (absolute {@code relative} around 0). */
    static Offset<Double> rel(double want, double relative) {
        return within(Math.max(Math.abs(want) * relative, relative));
    }

    /** A vertex of a two-variable LP and the objective there. */
    record Vertex(double[] x, double objective) {
    }

    /**
     * Maximises n0 + a·x subject to c0 + b·x ≥ level and 0 ≤ x_i ≤ u over two variables by listing every
     * vertex of the feasible polygon (box corners and the crossings of the rule's line with the box
     * edges): the textbook way to solve a two-variable LP by hand. Null when no vertex is feasible.
     */
    static Vertex bestVertex(double n0, double[] a, double c0, double[] b, double level, double u) {
        List<double[]> candidates = new ArrayList<>();
        for (double x0 : new double[] {0, u}) {
            for (double x1 : new double[] {0, u}) candidates.add(new double[] {x0, x1});
            // the rule's line at x0 fixed: x1 = (level − c0 − b0 x0) / b1
            if (b[1] != 0) candidates.add(new double[] {x0, (level - c0 - b[0] * x0) / b[1]});
        }
        for (double x1 : new double[] {0, u}) {
            if (b[0] != 0) candidates.add(new double[] {(level - c0 - b[1] * x1) / b[0], x1});
        }
        Vertex best = null;
        for (double[] x : candidates) {
            boolean inBox = x[0] >= -1e-12 && x[0] <= u + 1e-12 && x[1] >= -1e-12 && x[1] <= u + 1e-12;
            double rule = c0 + b[0] * x[0] + b[1] * x[1];
            if (!inBox || rule < level - 1e-9 * Math.max(1, Math.abs(level))) continue;
            double objective = n0 + a[0] * x[0] + a[1] * x[1];
            if (best == null || objective > best.objective()) best = new Vertex(x, objective);
        }
        return best;
    }
}
