package io.parley.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;

import org.hipparchus.analysis.solvers.BrentSolver;

import io.parley.engine.CompiledScenario;
import io.parley.engine.Metric;
import io.parley.model.Numbers;

/**
 * Goal seek: the value of one lever, within bounds, at which a metric reaches a target. The bounds
 * are scanned for every place the metric crosses the target, and each crossing is refined with
 * Brent's bracketing solver (Hipparchus). A metric that steps (a rebate tier being reached) may
 * jump across the target without taking its value: that is reported as a jump, with the metric on
 * either side, never as a root. A metric that stays at the target over a stretch of the bounds is
 * reported once, as flat, not once per point scanned.
 */
public final class GoalSeek {

    /** Intervals scanned across the bounds: finds crossings of metrics that are not monotone. */
    public static final int SCAN_INTERVALS = 64;
    /** Brent's evaluations per crossing: it needs about 50 to reach machine precision. */
    static final int MAX_SOLVER_EVALUATIONS = 200;
    /** Brent stops when the bracket is this small relative to the bounds: machine precision, in effect. */
    static final double LEVER_ACCURACY = 1e-15;
    /** Halvings that narrow a jump to LEVER_ACCURACY: a double interval's width halves below it within 52. */
    static final int JUMP_BISECTIONS_AT_MOST = 64;
    /**
     * Evaluations one seek makes at most, for admission: the scan (each point possibly probed again
     * beside a null), then per interval Brent's budget, the check of its root and the bisection of a jump.
     */
    public static final long MAX_EVALUATIONS = 2L * (SCAN_INTERVALS + 1)
            + (long) SCAN_INTERVALS * (MAX_SOLVER_EVALUATIONS + 2 + JUMP_BISECTIONS_AT_MOST);
    /** Where a null metric at a scan point is probed instead: this far into the neighbouring interval. */
    static final double NULL_PROBE = 1e-9;
    /** Default tolerance on the metric, relative to max(1, |target|). */
    public static final double DEFAULT_RELATIVE_TOLERANCE = 1e-6;
    /**
     * The least tolerance, relative to the size of the figures the metric is summed from. An
     * evaluation adds up to 600 periods × 1000 products of a few rounded factors; its rounding error
     * grows like √n ulps, about 1e-13 of the figures summed, so a tolerance below this would call the
     * noise around a smooth crossing a jump (a deal of 1e11 a year cannot resolve 1e-6). Real steps of
     * the model (a rebate tier, a payback period) are many orders of magnitude larger.
     */
    public static final double ROUNDING_ALLOWANCE = 1e-12;

    private GoalSeek() {
    }

    public enum Status {
        /** The metric equals the target within the tolerance at the value found. */
        REACHED,
        /** The metric stays within the tolerance of the target over a stretch of the bounds. */
        FLAT,
        /** The metric jumps across the target at the value found without reaching it. */
        JUMP,
        /** The metric stays on one side of the target everywhere inside the bounds. */
        NOT_REACHABLE
    }

    /**
     * One place where the metric crosses the target.
     *
     * @param value  the lever's value there; for a flat stretch, where it starts
     * @param result the metric at {@code value}, as evaluated
     * @param below  for a jump: the metric just below {@code value}; else NaN
     * @param above  for a jump: the metric just above {@code value}; else NaN
     * @param end    for a flat stretch: the last value scanned at the target; else NaN
     */
    public record Crossing(Status status, double value, double result, double below, double above, double end) {

        static Crossing reached(double value, double result) {
            return new Crossing(Status.REACHED, value, result, Double.NaN, Double.NaN, Double.NaN);
        }

        /** The value inside this crossing nearest {@code x}: a flat stretch is nearest where it is closest. */
        public double nearest(double x) {
            return status == Status.FLAT ? Math.min(Math.max(x, value), end) : value;
        }
    }

    /**
     * The answer. {@code value} and {@code result} are the first crossing's (NaN when none); every
     * crossing inside the bounds is listed in lever order. {@code tolerance} is the one used: as asked,
     * or {@link #ROUNDING_ALLOWANCE} of the size of the metric's figures where that is larger.
     */
    public record Result(Status status, double value, double result, double target, double tolerance,
                         double lower, double atLower, double upper, double atUpper,
                         List<Crossing> crossings, int evaluations) {
    }

    public static double defaultTolerance(double target) {
        return DEFAULT_RELATIVE_TOLERANCE * Math.max(1, Math.abs(target));
    }

    /** Why {@code tolerance} cannot be a search's tolerance, if it cannot. */
    public static Optional<String> problemWithTolerance(double tolerance) {
        return tolerance > 0 && !Double.isInfinite(tolerance) ? Optional.empty()
                : Optional.of(Numbers.plain(tolerance) + " is not a positive tolerance");
    }

    /** Why {@code lever} cannot be searched, if it cannot: a search moves continuously, a count does not. */
    public static Optional<String> problemWithLever(BoundLever lever) {
        return !lever.lever().integral() ? Optional.empty()
                : Optional.of(lever.path() + " takes whole numbers only; sweep its values instead of searching");
    }

    /** Why [{@code lower}, {@code upper}] cannot be searched, if it cannot: it must hold more than a point. */
    public static Optional<String> problemWithBounds(double lower, double upper) {
        return lower < upper ? Optional.empty()
                : Optional.of("upper bound " + Numbers.plain(upper) + " is not above the lower bound " + Numbers.plain(lower));
    }

    public static Result seek(CompiledScenario compiled, BoundLever lever, Metric metric, double target,
                              double lower, double upper, double tolerance) {
        Probe probe = new Probe(compiled);
        int[] evaluations = {0};
        double[] size = {0};
        DoubleUnaryOperator metricAt = x -> {
            evaluations[0]++;
            double[] summary = probe.with(lever, x);
            size[0] = Math.max(size[0], figureSize(summary, metric));
            return summary[metric.ordinal()];
        };
        DoubleUnaryOperator gap = x -> metricAt.applyAsDouble(x) - target;
        double[] xs = Grid.range(lower, upper, SCAN_INTERVALS);
        double[] ms = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            ms[i] = metricAt.applyAsDouble(xs[i]);
        }
        double atLower = ms[0];
        double atUpper = ms[ms.length - 1];
        // a metric that is null at a scan point (a margin at zero revenue) is probed just inside the
        // interval instead, so a crossing right next to it is not lost
        for (int i = 0; i < xs.length; i++) {
            if (!Double.isNaN(ms[i])) continue;
            double toward = i + 1 < xs.length ? xs[i + 1] : xs[i - 1];
            double nudged = xs[i] + (toward - xs[i]) * NULL_PROBE;
            double m = metricAt.applyAsDouble(nudged);
            if (!Double.isNaN(m)) {
                xs[i] = nudged;
                ms[i] = m;
            }
        }
        double used = Math.max(tolerance, ROUNDING_ALLOWANCE * size[0]);
        double[] fs = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            fs[i] = ms[i] - target;
        }
        double accuracy = LEVER_ACCURACY * Math.max(1, Math.max(Math.abs(lower), Math.abs(upper)));
        BrentSolver brent = new BrentSolver(LEVER_ACCURACY, accuracy);
        List<Crossing> crossings = new ArrayList<>();
        for (int i = 0; i < xs.length; i++) {
            if (Math.abs(fs[i]) <= used) {
                int last = i;
                while (last + 1 < xs.length && Math.abs(fs[last + 1]) <= used) last++;
                crossings.add(last == i ? Crossing.reached(xs[i], ms[i])
                        : new Crossing(Status.FLAT, xs[i], ms[i], Double.NaN, Double.NaN, xs[last]));
                i = last;
                continue;
            }
            boolean brackets = i + 1 < xs.length && Double.isFinite(fs[i]) && Double.isFinite(fs[i + 1])
                    && Math.abs(fs[i + 1]) > used && (fs[i] < 0) != (fs[i + 1] < 0);
            if (!brackets) {
                continue;
            }
            double x = brent.solve(MAX_SOLVER_EVALUATIONS, gap::applyAsDouble, xs[i], xs[i + 1]);
            double mx = metricAt.applyAsDouble(x);
            // the allowance grows with the figures seen, Brent's included
            used = Math.max(used, ROUNDING_ALLOWANCE * size[0]);
            if (Math.abs(mx - target) <= used) {
                crossings.add(Crossing.reached(x, mx));
            } else {
                crossings.add(jump(metricAt, target, xs[i], ms[i], xs[i + 1], accuracy));
            }
        }
        Crossing first = crossings.stream().filter(c -> c.status() != Status.JUMP).findFirst()
                .orElse(crossings.isEmpty() ? null : crossings.get(0));
        Status status = first == null ? Status.NOT_REACHABLE : first.status();
        return new Result(status, first == null ? Double.NaN : first.value(), first == null ? Double.NaN : first.result(),
                target, used, lower, atLower, upper, atUpper,
                List.copyOf(crossings), evaluations[0]);
    }

    /**
     * The size of the figures a metric is made of, for its rounding allowance: its own magnitude, and
     * for money the largest sum of money in the deal (an NPV near 0 is summed from flows that are not).
     */
    private static double figureSize(double[] summary, Metric metric) {
        double size = Math.abs(summary[metric.ordinal()]);
        if (metric.unit == Metric.Unit.CURRENCY) {
            for (Metric m : Metric.values()) {
                if (m.unit == Metric.Unit.CURRENCY) size = Math.max(size, Math.abs(summary[m.ordinal()]));
            }
        }
        return Double.isFinite(size) ? size : 0;
    }

    /** Narrows a bracket around a discontinuity by bisection and reports the metric on both sides. */
    private static Crossing jump(DoubleUnaryOperator metricAt, double target, double a, double ma, double b,
                                 double accuracy) {
        double fa = ma - target;
        double mb = metricAt.applyAsDouble(b);
        while (b - a > accuracy) {
            double m = a + (b - a) / 2;
            if (m <= a || m >= b) break;
            double mm = metricAt.applyAsDouble(m);
            if ((mm - target < 0) == (fa < 0)) {
                a = m;
                fa = mm - target;
                ma = mm;
            } else {
                b = m;
                mb = mm;
            }
        }
        return new Crossing(Status.JUMP, b, mb, ma, mb, Double.NaN);
    }
}
