package io.parley.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.parley.engine.CompiledScenario;
import io.parley.engine.Metric;

/**
 * Spider: the same relative changes (−20 % … +20 %) applied to each lever in turn, value = base × (1 + change),
 * so levers of different units can be drawn on one chart.
 */
public final class Spider {

    private Spider() {
    }

    /** One leg: a lever's values and the metric at each. */
    public record Leg(String lever, double baseValue, double[] values, double[] results) {
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
            for (int c = 0; c < changes.length; c++) {
                results[i][c] = probe.with(lever, valueAt(lever, changes[c])).clone();
            }
        }
        List<Chart> charts = new ArrayList<>();
        for (Metric m : metrics) {
            List<Leg> legs = new ArrayList<>();
            for (int i = 0; i < levers.size(); i++) {
                BoundLever lever = levers.get(i);
                double[] values = new double[changes.length];
                double[] out = new double[changes.length];
                for (int c = 0; c < changes.length; c++) {
                    values[c] = valueAt(lever, changes[c]);
                    out[c] = results[i][c][m.ordinal()];
                }
                legs.add(new Leg(lever.path(), lever.baseValue(), values, out));
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

    /** The lever's value after a relative change. */
    public static double valueAt(BoundLever lever, double change) {
        return lever.baseValue() * (1 + change);
    }
}
