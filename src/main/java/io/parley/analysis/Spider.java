package io.parley.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.parley.engine.CompiledScenario;
import io.parley.engine.Metric;

/**
 * Spider: the same relative changes (−20 % … +20 %) applied to each lever in turn, value = base × (1 + change),
 * so levers of different units can be drawn on one chart. A value past the lever's domain is held at
 * its bound and the change listed in the leg's {@code clipped}.
 */
public final class Spider {

    private Spider() {
    }

    /**
     * One leg: a lever's values and the metric at each; {@code clipped} lists the changes that would
     * have taken the lever past its domain, where the value is held at the bound.
     */
    public record Leg(String lever, double baseValue, double[] values, double[] results, List<Clipped> clipped) {
    }

    /** A change that would take a lever past its domain: the value it asked for and the bound used instead. */
    public record Clipped(double change, double requested, double bound) {
    }

    /** The spider of one metric. */
    public record Chart(Metric metric, double base, List<Leg> legs) {
    }

    public static List<Chart> run(CompiledScenario compiled, List<BoundLever> levers, double[] changes, List<Metric> metrics) {
        Probe probe = new Probe(compiled);
        double[] base = probe.evaluate().clone();
        double[][][] results = new double[levers.size()][changes.length][];
        for (int i = 0; i < levers.size(); i++) {
            BoundLever lever = levers.get(i);
            LeverDomain domain = LeverDomain.allowed(compiled, lever);
            for (int c = 0; c < changes.length; c++) {
                results[i][c] = probe.with(lever, domain.hold(valueAt(lever, changes[c]))).clone();
            }
        }
        List<Chart> charts = new ArrayList<>();
        for (Metric m : metrics) {
            List<Leg> legs = new ArrayList<>();
            for (int i = 0; i < levers.size(); i++) {
                BoundLever lever = levers.get(i);
                LeverDomain domain = LeverDomain.allowed(compiled, lever);
                double[] values = new double[changes.length];
                double[] out = new double[changes.length];
                List<Clipped> clipped = new ArrayList<>();
                for (int c = 0; c < changes.length; c++) {
                    double requested = valueAt(lever, changes[c]);
                    values[c] = domain.hold(requested);
                    if (values[c] != requested) clipped.add(new Clipped(changes[c], requested, values[c]));
                    out[c] = results[i][c][m.ordinal()];
                }
                legs.add(new Leg(lever.path(), lever.baseValue(), values, out, List.copyOf(clipped)));
            }
            charts.add(new Chart(m, base[m.ordinal()], List.copyOf(legs)));
        }
        return charts;
    }

    /** Why {@code lever} cannot take part, if it cannot: a relative change of 0 leaves it at 0. */
    public static Optional<String> problemWithLever(BoundLever lever) {
        return lever.baseValue() != 0 ? Optional.empty()
                : Optional.of(lever.path() + " is 0 in the scenario, so a relative change leaves it at 0; "
                        + "sweep it over absolute values instead");
    }

    /** The lever's value after a relative change, before it is held inside the lever's domain. */
    public static double valueAt(BoundLever lever, double change) {
        return lever.baseValue() * (1 + change);
    }

    /**
     * The value a leg uses for a relative change: base × (1 + change), held inside the lever's
     * domain, so ±20 % of a renewal chance of 0.85 ends at 1 rather than being refused. Like the
     * tornado's swing, a relative change is a convention applied to every lever alike, not a
     * value the caller chose for this one.
     */
    public static double heldValueAt(CompiledScenario compiled, BoundLever lever, double change) {
        return LeverDomain.allowed(compiled, lever).hold(valueAt(lever, change));
    }
}
