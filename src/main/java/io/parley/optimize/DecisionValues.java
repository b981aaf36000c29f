package io.parley.optimize;

import io.parley.engine.Metric;

/** A solution's decision values written back into the scenario, to read the deal they stand for. */
public final class DecisionValues {

    private DecisionValues() {
    }

    /**
     * The scenario's parameters with each decision at its value: a continuous decision sets its lever,
     * a menu option sets every lever of the menu to that option's value. A value that is not one of
     * its menu's options leaves the menu's levers as the scenario has them.
     */
    public static double[] parameters(DealProblem problem, double[] values) {
        if (values.length != problem.decisions().size()) {
            throw new IllegalArgumentException(values.length + " values for " + problem.decisions().size() + " decisions");
        }
        double[] p = problem.scenario().parameters();
        for (int i = 0; i < values.length; i++) {
            Decision d = problem.decisions().get(i);
            if (d instanceof Decision.Continuous c) {
                p[c.lever().slot()] = values[i];
            } else {
                Decision.Menu m = (Decision.Menu) d;
                for (int o = 0; o < m.options().length; o++) {
                    if (m.options()[o] == values[i]) m.apply(p, o);
                }
            }
        }
        return p;
    }

    /** The engine's summary metrics, indexed by {@link Metric#ordinal()}, with the decisions at {@code values}. */
    public static double[] summaryAt(DealProblem problem, double[] values) {
        double[] summary = new double[Metric.count()];
        problem.scenario().newEvaluator().evaluate(parameters(problem, values), summary);
        return summary;
    }
}
