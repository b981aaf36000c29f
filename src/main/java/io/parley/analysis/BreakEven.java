package io.parley.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.parley.engine.CompiledScenario;
import io.parley.engine.Metric;

/**
 * Break-even table: for each lever, the value at which a metric crosses a threshold (default
 * {@code npv} = 0), and how far that is from today's value. Where a metric crosses more than once
 * inside the bounds, the crossing nearest today's value is the break-even.
 */
public final class BreakEven {

    private BreakEven() {
    }

    /** A lever and the bounds searched. */
    public record Input(BoundLever lever, double lower, double upper) {
    }

    /**
     * One row. {@code breakEven} is NaN when the metric does not cross the threshold inside the bounds.
     *
     * @param headroom         breakEven − current value
     * @param relativeHeadroom headroom / current value (NaN when the current value is 0)
     */
    public record Row(String lever, double current, double breakEven, double headroom, double relativeHeadroom,
                      GoalSeek.Status status, GoalSeek.Result search) {
    }

    public static List<Row> table(CompiledScenario compiled, List<Input> inputs, Metric metric, double threshold,
                                  double tolerance) {
        List<Row> rows = new ArrayList<>();
        for (Input in : inputs) {
            GoalSeek.Result r = GoalSeek.seek(compiled, in.lever(), metric, threshold, in.lower(), in.upper(), tolerance);
            double current = in.lever().baseValue();
            GoalSeek.Crossing nearest = r.crossings().stream()
                    .min(Comparator.comparingDouble(c -> Math.abs(c.nearest(current) - current))).orElse(null);
            if (nearest == null) {
                rows.add(new Row(in.lever().path(), current, Double.NaN, Double.NaN, Double.NaN, r.status(), r));
            } else {
                double breakEven = nearest.nearest(current);
                double headroom = breakEven - current;
                rows.add(new Row(in.lever().path(), current, breakEven, headroom,
                        current == 0 ? Double.NaN : headroom / Math.abs(current), nearest.status(), r));
            }
        }
        return rows;
    }
}
