package io.parley.engine;

import java.util.ArrayList;
import java.util.List;

import io.parley.model.JsonPointer;
import io.parley.model.Scenario;
import io.parley.model.Violation;

/**
 * Finds the figures of a scenario that overflow a double (beyond ±1.8 × 10³⁰⁸): inputs that pass
 * every rule one by one (a unit cost of 1e308) can still multiply past the largest number, and such a
 * figure is no amount at all, so the scenario is refused rather than answered with infinities.
 */
public final class Overflow {

    private Overflow() {
    }

    /**
     * One violation per product line whose totals overflow (pointing at that product), or else one
     * for the scenario (pointer "") naming the first summary metric or line that does; empty when
     * every figure is finite. NaN is not an overflow: it is the model's "does not exist".
     */
    public static List<Violation> of(Scenario scenario) {
        Report report = CompiledScenario.compile(scenario).report();
        List<Violation> found = new ArrayList<>();
        ProductTable t = report.products();
        for (int l = 0; l < t.size(); l++) {
            String figure = firstInfinite(t, l);
            if (figure != null) {
                found.add(new Violation(JsonPointer.child("/products", l),
                        "the figures of product '" + scenario.products().get(l).id() + "' overflow (" + figure
                                + " is beyond ±1.8e308): lower its volume, price or cost", null));
            }
        }
        if (!found.isEmpty()) return found;
        String figure = firstInfinite(report);
        if (figure != null) {
            found.add(new Violation("", "the scenario's figures overflow (" + figure
                    + " is beyond ±1.8e308): lower the values that feed it", null));
        }
        return found;
    }

    private static String firstInfinite(ProductTable t, int l) {
        if (Double.isInfinite(t.volume(l))) return "volume";
        if (Double.isInfinite(t.listRevenue(l))) return "listRevenue";
        if (Double.isInfinite(t.discount(l))) return "discount";
        if (Double.isInfinite(t.netRevenue(l))) return "netRevenue";
        if (Double.isInfinite(t.rebate(l))) return "rebate";
        if (Double.isInfinite(t.cogs(l))) return "cogs";
        if (Double.isInfinite(t.grossMargin(l))) return "grossMargin";
        return null;
    }

    private static String firstInfinite(Report report) {
        for (Metric m : Metric.values()) {
            if (Double.isInfinite(report.metric(m))) return m.apiName;
        }
        for (Line line : Line.values()) {
            for (double v : report.periods()[line.ordinal()]) {
                if (Double.isInfinite(v)) return line.apiName;
            }
        }
        return null;
    }
}
