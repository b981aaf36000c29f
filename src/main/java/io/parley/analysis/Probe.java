package io.parley.analysis;

import io.parley.engine.CompiledScenario;
import io.parley.engine.Evaluator;
import io.parley.engine.Metric;

/**
 * One thread's handle on a compiled scenario: a parameter vector to change and an evaluator, so an
 * analysis can ask "what is the metric with these levers at these values" without allocating.
 */
final class Probe {

    final CompiledScenario compiled;
    private final Evaluator evaluator;
    private final double[] base;
    final double[] parameters;
    final double[] summary = new double[Metric.count()];

    Probe(CompiledScenario compiled) {
        this.compiled = compiled;
        this.evaluator = compiled.newEvaluator();
        this.base = compiled.parameters();
        this.parameters = compiled.parameters();
    }

    /** Summary with one lever set, the rest at the scenario's values. The array is reused by the next call. */
    double[] with(BoundLever lever, double value) {
        reset();
        parameters[lever.slot()] = value;
        return evaluate();
    }

    double metric(Metric metric, BoundLever lever, double value) {
        return with(lever, value)[metric.ordinal()];
    }

    void reset() {
        System.arraycopy(base, 0, parameters, 0, base.length);
    }

    double[] evaluate() {
        evaluator.evaluate(parameters, summary);
        return summary;
    }
}
