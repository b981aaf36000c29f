package io.parley.analysis;

import java.util.ArrayList;
import java.util.List;

import org.hipparchus.analysis.solvers.BrentSolver;

import io.parley.engine.CompiledScenario;
import io.parley.engine.Metric;

/**
 * Goal seek: the value of one lever, within bounds, at which a metric reaches a target. The bounds
 * are scanned for every place the metric crosses the target, and each crossing is refined with
 * Brent's bracketing solver (Hipparchus). A metric that steps (a rebate tier being reached) may
 * jump across the target without taking its value: that is reported as a jump, with the metric on
 * either side, never as a root.
 */
public final class GoalSeek {

    /** Intervals scanned across the bounds: finds crossings of metrics that are not monotone. */
    public static final int SCAN_INTERVALS = 64;
    /** Brent's evaluations per crossing: it needs about 50 to reach machine precision. */
    static final int MAX_SOLVER_EVALUATIONS = 200;
    /** Brent stops when the bracket is this small relative to the bounds: machine precision, in effect. */
    static final double LEVER_ACCURACY = 1e-15;
    /** Where a null metric at a scan point is probed instead: this far into the neighbouring interval. */
    static final double NULL_PROBE = 1e-9;
    /** Default tolerance on the metric, relative to max(1, |target|). */
    public static final double DEFAULT_RELATIVE_TOLERANCE = 1e-6;

    private GoalSeek() {
    }

    public enum Status {
        /** The metric equals the target within the tolerance at the value found. */
        REACHED,
        /** The metric jumps across the target at the value found without reaching it. */
        JUMP,
        /** The metric stays on one side of the target everywhere inside the bounds. */
        NOT_REACHABLE
    }

    /**
     * One place where the metric crosses the target.
     *
     * @param value  the lever's value there
     * @param result the metric at {@code value}
     * @param below  for a jump: the metric just below {@code value}; else NaN
     * @param above  for a jump: the metric just above {@code value}; else NaN
     */
    public record Crossing(Status status, double value, double result, double below, double above) {
    }

    /**
     * The answer. {@code value} and {@code result} are the first crossing's (NaN when none); every
     * crossing inside the bounds is listed in lever order.
     */
    public record Result(Status status, double value, double result, double target, double tolerance,
                         double lower, double atLower, double upper, double atUpper,
                         List<Crossing> crossings, int evaluations) {
    }

    public static double defaultTolerance(double target) {
        return DEFAULT_RELATIVE_TOLERANCE * Math.max(1, Math.abs(target));
    }

    public static Result seek(CompiledScenario compiled, BoundLever lever, Metric metric, double target,
                              double lower, double upper, double tolerance) {
        Probe probe = new Probe(compiled);
        int[] evaluations = {0};
        java.util.function.DoubleUnaryOperator gap = x -> {
            evaluations[0]++;
            return probe.metric(metric, lever, x) - target;
        };
        double[] xs = Grid.range(lower, upper, SCAN_INTERVALS);
        double[] fs = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            fs[i] = gap.applyAsDouble(xs[i]);
        }
        double atLower = fs[0] + target;
        double atUpper = fs[fs.length - 1] + target;
        // a metric that is null at a scan point (a margin at zero revenue) is probed just inside the
        // interval instead, so a crossing right next to it is not lost
        for (int i = 0; i < xs.length; i++) {
            if (!Double.isNaN(fs[i])) continue;
            double toward = i + 1 < xs.length ? xs[i + 1] : xs[i - 1];
            double nudged = xs[i] + (toward - xs[i]) * NULL_PROBE;
            double f = gap.applyAsDouble(nudged);
            if (!Double.isNaN(f)) {
                xs[i] = nudged;
                fs[i] = f;
            }
        }
        double accuracy = LEVER_ACCURACY * Math.max(1, Math.max(Math.abs(lower), Math.abs(upper)));
        BrentSolver brent = new BrentSolver(LEVER_ACCURACY, accuracy);
        List<Crossing> crossings = new ArrayList<>();
        for (int i = 0; i < xs.length; i++) {
            if (Math.abs(fs[i]) <= tolerance) {
                crossings.add(new Crossing(Status.REACHED, xs[i], fs[i] + target, Double.NaN, Double.NaN));
                continue;
            }
            boolean brackets = i + 1 < xs.length && Double.isFinite(fs[i]) && Double.isFinite(fs[i + 1])
                    && Math.abs(fs[i + 1]) > tolerance && (fs[i] < 0) != (fs[i + 1] < 0);
            if (!brackets) {
                continue;
            }
            double x = brent.solve(MAX_SOLVER_EVALUATIONS, gap::applyAsDouble, xs[i], xs[i + 1]);
            double fx = gap.applyAsDouble(x);
            if (Math.abs(fx) <= tolerance) {
                crossings.add(new Crossing(Status.REACHED, x, fx + target, Double.NaN, Double.NaN));
            } else {
                crossings.add(jump(gap, xs[i], fs[i], xs[i + 1], accuracy, target));
            }
        }
        Crossing first = crossings.stream().filter(c -> c.status() == Status.REACHED).findFirst()
                .orElse(crossings.isEmpty() ? null : crossings.get(0));
        Status status = first == null ? Status.NOT_REACHABLE : first.status();
        return new Result(status, first == null ? Double.NaN : first.value(), first == null ? Double.NaN : first.result(),
                target, tolerance, lower, atLower, upper, atUpper,
                List.copyOf(crossings), evaluations[0]);
    }

    /** Narrows a bracket around a discontinuity by bisection and reports the metric on both sides. */
    private static Crossing jump(java.util.function.DoubleUnaryOperator gap, double a, double fa, double b,
                                 double accuracy, double target) {
        double fb = gap.applyAsDouble(b);
        while (b - a > accuracy) {
            double m = a + (b - a) / 2;
            if (m <= a || m >= b) break;
            double fm = gap.applyAsDouble(m);
            if ((fm < 0) == (fa < 0)) {
                a = m;
                fa = fm;
            } else {
                b = m;
                fb = fm;
            }
        }
        return new Crossing(Status.JUMP, b, fb + target, fa + target, fb + target);
    }
}
