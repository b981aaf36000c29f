package io.parley.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.parley.engine.CompiledScenario;
import io.parley.engine.Metric;

/**
 * Tornado: each lever moved to its low and its high value with every other lever held, ranked by the
 * swing |metric at high − metric at low|.
 */
public final class Tornado {

    private Tornado() {
    }

    /**
     * The quantiles a lever with a distribution is moved to: its P10 and P90, as @RISK draws a tornado
     * from the inputs' distributions, so a bar spans the middle 80 % of what the lever may be.
     */
    public static final double LOW_QUANTILE = 0.10;
    public static final double HIGH_QUANTILE = 0.90;

    /**
     * A lever and the two values it is moved to; {@code clipped} lists the ends a relative swing
     * would have taken past the lever's domain, held at its bound instead.
     */
    public record Input(BoundLever lever, double low, double high, List<Clipped> clipped) {

        public Input {
            clipped = List.copyOf(clipped);
        }

        /** The lever moved to two values chosen by the caller: nothing is clipped. */
        public Input(BoundLever lever, double low, double high) {
            this(lever, low, high, List.of());
        }

        /** The lever moved to the P10 and the P90 of what is known about it. */
        public static Input quantiles(BoundLever lever, Distribution distribution) {
            return new Input(lever, distribution.quantile(LOW_QUANTILE), distribution.quantile(HIGH_QUANTILE));
        }

        /**
         * The lever moved by ± {@code swing} of its value in the scenario (0.1 for ±10 %), each end held
         * inside {@code domain}: ±20 % of a renewal chance of 0.85 is 0.68 … 1, not 0.68 … 1.02. A
         * relative swing is a convention for "a similar move of every lever", not a value the caller
         * chose, so an end past the domain is held at the bound (and reported) rather than refused.
         */
        public static Input swing(BoundLever lever, double swing, LeverDomain domain) {
            double low = lever.baseValue() * (1 - swing);
            double high = lever.baseValue() * (1 + swing);
            List<Clipped> clipped = new ArrayList<>();
            double heldLow = domain.hold(low);
            double heldHigh = domain.hold(high);
            if (heldLow != low) clipped.add(new Clipped(End.low, low, heldLow));
            if (heldHigh != high) clipped.add(new Clipped(End.high, high, heldHigh));
            return new Input(lever, heldLow, heldHigh, clipped);
        }
    }

    /** The two ends of a bar. */
    public enum End { low, high }

    /** An end of a relative swing that went past the lever's domain: the value asked for and the bound used. */
    public record Clipped(End end, double requested, double bound) {
    }

    /** Why {@code lever} cannot swing relative to its value, if it cannot: ± any share of 0 is 0. */
    public static Optional<String> problemWithRelativeSwing(BoundLever lever) {
        return lever.baseValue() != 0 ? Optional.empty()
                : Optional.of(lever.path() + " is 0 in the scenario, so a relative swing leaves it at 0; "
                        + "give 'low' and 'high' instead");
    }

    /** One bar of the tornado. NaN where the metric is null; {@code clipped} as in {@link Input}. */
    public record Bar(String lever, double baseValue, double low, double high, double atLow, double atHigh, double swing,
                      List<Clipped> clipped) {
    }

    /** The tornado of one metric: its base value and the bars, widest first. */
    public record Chart(Metric metric, double base, List<Bar> bars) {
    }

    public static List<Chart> run(CompiledScenario compiled, List<Input> inputs, List<Metric> metrics) {
        Probe probe = new Probe(compiled);
        double[] base = probe.evaluate().clone();
        double[][] atLow = new double[inputs.size()][];
        double[][] atHigh = new double[inputs.size()][];
        for (int i = 0; i < inputs.size(); i++) {
            Input in = inputs.get(i);
            atLow[i] = probe.with(in.lever(), in.low()).clone();
            atHigh[i] = probe.with(in.lever(), in.high()).clone();
        }
        List<Chart> charts = new ArrayList<>();
        for (Metric m : metrics) {
            List<Bar> bars = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                Input in = inputs.get(i);
                double low = atLow[i][m.ordinal()];
                double high = atHigh[i][m.ordinal()];
                bars.add(new Bar(in.lever().path(), in.lever().baseValue(), in.low(), in.high(), low, high,
                        Math.abs(high - low), in.clipped()));
            }
            // widest first; a swing that is null (NaN) goes last; ties keep the request's order
            bars.sort(Comparator.comparingDouble((Bar b) -> Double.isNaN(b.swing()) ? Double.NEGATIVE_INFINITY : b.swing())
                    .reversed());
            charts.add(new Chart(m, base[m.ordinal()], List.copyOf(bars)));
        }
        return charts;
    }
}
