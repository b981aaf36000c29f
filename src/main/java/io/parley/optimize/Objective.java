package io.parley.optimize;

import java.util.Optional;

import io.parley.engine.Metric;

/** Maximise or minimise a linear form of metrics (default: maximise npv). */
public record Objective(boolean maximize, LinearForm form) {

    /** Why {@code m} cannot be (part of) an objective, if it cannot: only sums of money add up to one. */
    public static Optional<String> problemWithMetric(Metric m) {
        return m.unit == Metric.Unit.CURRENCY ? Optional.empty()
                : Optional.of("'" + m.apiName + "' is a " + m.unit.name().toLowerCase() + ", not a sum of money, so it "
                        + "cannot be an objective; constrain it instead (e.g. {\"metric\": \"" + m.apiName + "\", \"min\": …})");
    }
}
