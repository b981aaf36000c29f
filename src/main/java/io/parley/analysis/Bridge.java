package io.parley.analysis;

import java.util.ArrayList;
import java.util.List;

import io.parley.engine.CompiledScenario;
import io.parley.engine.Metric;

/**
 * Bridge: why a metric differs between a baseline and a variant, as a waterfall of one step per lever
 * that changed. Shapley attribution averages each lever's effect over every order in which the
 * changes could be made, so the result does not depend on an arbitrary order; it needs 2^m
 * evaluations for m levers. Past {@link #MAX_SHAPLEY_LEVERS} the levers are applied one after
 * another in the given order instead. Both sum to the total change.
 */
public final class Bridge {

    /** 2^12 = 4096 evaluations: a few milliseconds. */
    public static final int MAX_SHAPLEY_LEVERS = 12;

    private Bridge() {
    }

    public enum Method { SHAPLEY, SEQUENTIAL }

    /** A lever that differs between baseline and variant. */
    public record Change(String lever, int slot, double from, double to) {
    }

    /** One metric's waterfall; contributions are in the order of the changes and NaN where the metric is null. */
    public record Waterfall(Metric metric, double baseline, double variant, double total, double[] contributions) {
    }

    public record Result(Method method, List<Change> changes, List<Waterfall> waterfalls) {
    }

    /** The levers whose values differ between two scenarios of the same shape, in slot order. */
    public static List<Change> differences(CompiledScenario baseline, CompiledScenario variant) {
        if (!baseline.sameShape(variant)) {
            throw new IllegalArgumentException("the scenarios differ in shape");
        }
        double[] a = baseline.parameters();
        double[] b = variant.parameters();
        String[] paths = baseline.leverPaths();
        List<Change> changes = new ArrayList<>();
        for (int slot = 0; slot < a.length; slot++) {
            if (Double.compare(a[slot], b[slot]) != 0) {
                changes.add(new Change(paths[slot], slot, a[slot], b[slot]));
            }
        }
        return changes;
    }

    /** The method used when the client has no preference. */
    public static Method automatic(int levers) {
        return levers <= MAX_SHAPLEY_LEVERS ? Method.SHAPLEY : Method.SEQUENTIAL;
    }

    public static Result run(CompiledScenario baseline, List<Change> changes, List<Metric> metrics, Method method) {
        if (method == Method.SHAPLEY && changes.size() > MAX_SHAPLEY_LEVERS) {
            throw new IllegalArgumentException("Shapley attribution takes at most " + MAX_SHAPLEY_LEVERS + " levers");
        }
        Probe probe = new Probe(baseline);
        int m = changes.size();
        double[][] contributions = new double[metrics.size()][m];
        double[] start = probe.evaluate().clone();
        double[] end;
        if (method == Method.SHAPLEY) {
            double[][] value = new double[1 << m][];
            for (int mask = 0; mask < 1 << m; mask++) {
                probe.reset();
                for (int i = 0; i < m; i++) {
                    if ((mask & 1 << i) != 0) probe.parameters[changes.get(i).slot()] = changes.get(i).to();
                }
                value[mask] = probe.evaluate().clone();
            }
            double[] weight = shapleyWeights(m);
            for (int i = 0; i < m; i++) {
                for (int mask = 0; mask < 1 << m; mask++) {
                    if ((mask & 1 << i) != 0) continue;
                    double w = weight[Integer.bitCount(mask)];
                    for (int k = 0; k < metrics.size(); k++) {
                        int metric = metrics.get(k).ordinal();
                        contributions[k][i] += w * (value[mask | 1 << i][metric] - value[mask][metric]);
                    }
                }
            }
            end = value[(1 << m) - 1];
        } else {
            probe.reset();
            double[] before = start;
            for (int i = 0; i < m; i++) {
                probe.parameters[changes.get(i).slot()] = changes.get(i).to();
                double[] after = probe.evaluate().clone();
                for (int k = 0; k < metrics.size(); k++) {
                    int metric = metrics.get(k).ordinal();
                    contributions[k][i] = after[metric] - before[metric];
                }
                before = after;
            }
            end = before;
        }
        List<Waterfall> waterfalls = new ArrayList<>();
        for (int k = 0; k < metrics.size(); k++) {
            int metric = metrics.get(k).ordinal();
            waterfalls.add(new Waterfall(metrics.get(k), start[metric], end[metric], end[metric] - start[metric],
                    contributions[k]));
        }
        return new Result(method, List.copyOf(changes), List.copyOf(waterfalls));
    }

    /** w(s) = s! (m − s − 1)! / m!: the share of orders in which a lever joins a coalition of size s. */
    static double[] shapleyWeights(int m) {
        double[] w = new double[Math.max(m, 1)];
        for (int s = 0; s < m; s++) {
            w[s] = 1.0 / (m * binomial(m - 1, s));
        }
        return w;
    }

    private static double binomial(int n, int k) {
        double b = 1;
        for (int i = 1; i <= k; i++) {
            b = b * (n - k + i) / i;
        }
        return b;
    }
}
