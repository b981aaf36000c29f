package io.parley.analysis;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.parley.engine.CompiledScenario;
import io.parley.engine.Metric;
import io.parley.model.Lever;
import io.parley.model.Levers;
import io.parley.model.RebateTier;
import io.parley.model.Scenario;
import io.parley.model.Spellings;
import io.parley.model.Terms;
import io.parley.model.Violation;

/**
 * Bridge: why a metric differs between a baseline and a variant, as a waterfall of one step per lever
 * that changed (thresholds of one rebate schedule that could cross on the way move as one step). Shapley attribution averages each lever's effect over every order in which the
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

    /** The method a request asks for: one of the two, or {@code AUTO} for {@link #automatic}'s choice. */
    public enum Choice {
        AUTO, SHAPLEY, SEQUENTIAL;

        /** The names a request spells the choices in ({@link Spellings}), in this order. */
        public static final List<String> NAMES = Spellings.of(values());

        public static Optional<Choice> named(String name) {
            return Spellings.find(values(), name);
        }
    }

    /** A lever that differs between baseline and variant. */
    public record Change(String lever, int slot, double from, double to) {
    }

    /**
     * One step of the waterfall: one change, or the changed thresholds of one rebate schedule moved
     * together because making them one at a time would put the tiers out of order on the way (an
     * intermediate deal the model does not define). {@code lever} then joins their paths with " + ".
     */
    public record Step(String lever, List<Change> changes) {
        static Step of(Change c) {
            return new Step(c.lever(), List.of(c));
        }
    }

    /** One metric's waterfall; contributions are in the order of the changes and NaN where the metric is null. */
    public record Waterfall(Metric metric, double baseline, double variant, double total, double[] contributions) {
    }

    /** The waterfalls' contributions are per step, in the order of {@code steps}. */
    public record Result(Method method, List<Step> steps, List<Waterfall> waterfalls) {
    }

    /**
     * Why a whole variant cannot be bridged from the baseline, if it cannot: a bridge compares figures in one
     * currency, and attributes changes of numbers only, so the variant must have the baseline's shape (horizon,
     * products, rebate tiers, services). The violation's pointer is within the variant scenario.
     */
    public static Optional<Violation> problemWithVariant(CompiledScenario baseline, CompiledScenario variant) {
        String from = baseline.scenario().currency();
        String to = variant.scenario().currency();
        if (!to.equals(from)) {
            return Optional.of(new Violation("/currency", "the variant is in " + to + " and the baseline in " + from
                    + "; a bridge compares figures in one currency", to));
        }
        if (!baseline.sameShape(variant)) {
            return Optional.of(Violation.of("", "differs from the baseline in shape (horizon, products, rebate tiers "
                    + "or services); a bridge attributes changes of numbers only — use 'set' or compare the two scenarios"));
        }
        return Optional.empty();
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
            // a rate left out in one scenario and given in the other is a change even at the same value:
            // left out, it would follow a supplier rate moved by another step
            if (Double.compare(a[slot], b[slot]) != 0) {
                changes.add(new Change(paths[slot], slot, CompiledScenario.value(a, slot), CompiledScenario.value(b, slot)));
            }
        }
        return changes;
    }

    /** The method used when the client has no preference. */
    public static Method automatic(int levers) {
        return levers <= MAX_SHAPLEY_LEVERS ? Method.SHAPLEY : Method.SEQUENTIAL;
    }

    /** The method a bridge of {@code steps} steps runs by: the one asked for, or the automatic choice. */
    public static Method method(Choice asked, int steps) {
        return switch (asked) {
            case SHAPLEY -> Method.SHAPLEY;
            case SEQUENTIAL -> Method.SEQUENTIAL;
            case AUTO -> automatic(steps);
        };
    }

    /** Whether {@code method} can attribute {@code steps} steps: Shapley's 2^n evaluations are capped. */
    public static boolean canRun(Method method, int steps) {
        return method != Method.SHAPLEY || steps <= MAX_SHAPLEY_LEVERS;
    }

    /**
     * The steps for these changes: one per change, except that the changed thresholds of a rebate
     * schedule become one step, where the first of them stood, when some of them made alone would
     * leave the tiers out of order. They would not when every tier's values (baseline and variant)
     * all lie below every later tier's values.
     */
    public static List<Step> steps(CompiledScenario baseline, List<Change> changes) {
        Scenario scenario = baseline.scenario();
        List<Step> steps = new ArrayList<>();
        Map<Lever.Side, List<Change>> crossing = new EnumMap<>(Lever.Side.class);
        for (Lever.Side side : Lever.Side.values()) {
            List<Change> moved = new ArrayList<>();
            Map<Integer, Change> byTier = new HashMap<>();
            for (Change c : changes) {
                if (Levers.resolve(c.lever(), scenario) instanceof Lever.OfTier t && t.side() == side
                        && t.field() == Lever.TierField.threshold) {
                    moved.add(c);
                    byTier.put(t.tier(), c);
                }
            }
            if (moved.size() < 2) continue;
            Terms terms = side == Lever.Side.TERMS ? scenario.terms() : scenario.baseline();
            List<RebateTier> tiers = terms.rebate().tiers();
            boolean ordered = true;
            for (int i = 0; i < tiers.size() && ordered; i++) {
                for (int j = i + 1; j < tiers.size() && ordered; j++) {
                    ordered = highest(byTier.get(i), tiers.get(i).threshold()) < lowest(byTier.get(j), tiers.get(j).threshold());
                }
            }
            if (!ordered) crossing.put(side, moved);
        }
        Set<Change> grouped = new HashSet<>();
        crossing.values().forEach(grouped::addAll);
        for (Change c : changes) {
            if (!grouped.contains(c)) {
                steps.add(Step.of(c));
                continue;
            }
            for (List<Change> together : crossing.values()) {
                if (together.get(0) == c) {
                    steps.add(new Step(String.join(" + ", together.stream().map(Change::lever).toList()), List.copyOf(together)));
                }
            }
        }
        return steps;
    }

    private static double highest(Change c, double base) {
        return c == null ? base : Math.max(c.from(), c.to());
    }

    private static double lowest(Change c, double base) {
        return c == null ? base : Math.min(c.from(), c.to());
    }

    public static Result run(CompiledScenario baseline, List<Change> changes, List<Metric> metrics, Method method) {
        return runSteps(baseline, steps(baseline, changes), metrics, method);
    }

    /** Runs the given steps (see {@link #steps}). */
    public static Result runSteps(CompiledScenario baseline, List<Step> changes, List<Metric> metrics, Method method) {
        if (!canRun(method, changes.size())) {
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
                    if ((mask & 1 << i) != 0) apply(probe, changes.get(i));
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
                apply(probe, changes.get(i));
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

    private static void apply(Probe probe, Step step) {
        for (Change c : step.changes()) probe.parameters[c.slot()] = c.to();
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
