package io.parley.document;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.parley.analysis.BoundLever;
import io.parley.analysis.BreakEven;
import io.parley.analysis.Bridge;
import io.parley.analysis.Distribution;
import io.parley.analysis.GoalSeek;
import io.parley.analysis.Grid;
import io.parley.analysis.LeverDomain;
import io.parley.analysis.Overrides;
import io.parley.analysis.Spider;
import io.parley.analysis.Tornado;
import io.parley.engine.CompiledScenario;
import io.parley.model.JsonPointer;
import io.parley.model.LimitExceededException;
import io.parley.model.Numbers;
import io.parley.model.Scenario;
import io.parley.model.Violation;

/**
 * Reading the levers of the what-if analyses by hand, so that every problem in a request is reported at
 * once with its pointer (a binder stops at the first).
 */
public final class AnalysisReaders {

    private AnalysisReaders() {
    }

    /** Tornado levers: {path, low, high}, or {path, swing}, or a path under a request-wide {@code swing}. */
    public static List<Tornado.Input> tornadoLevers(AnalysisInput input, CompiledScenario compiled, List<JsonNode> items) {
        double defaultSwing = input.in.optionalNumber(input.root, "", "swing", Double.NaN);
        List<Tornado.Input> levers = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String at = JsonPointer.child("/levers", i);
            JsonNode item = items.get(i);
            if (!input.in.object(item, at, "a tornado lever", Set.of("path", "low", "high", "swing", "distribution"))) continue;
            BoundLever lever = input.lever(compiled, input.in.required(item, at, "path"), at + "/path");
            JsonNode low = input.in.optional(item, "low");
            JsonNode high = input.in.optional(item, "high");
            double swing = input.in.optionalNumber(item, at, "swing", defaultSwing);
            double lowValue;
            double highValue;
            String lowAt = at + "/low";
            String highAt = at + "/high";
            if (item.has("distribution")) {
                if (low != null || high != null || item.has("swing")) {
                    input.in.fail(at, "give a 'distribution' (the bar spans its P10 to P90), or 'low' and 'high', "
                            + "or a relative 'swing', not a mix", null);
                    continue;
                }
                Distribution d = UncertaintyInput.distribution(input, item.get("distribution"), at + "/distribution");
                if (d == null || lever == null) continue;
                Tornado.Input p10p90 = Tornado.Input.quantiles(lever, d);
                lowValue = p10p90.low();
                highValue = p10p90.high();
                lowAt = highAt = at + "/distribution";
            } else if (low != null || high != null) {
                if (low == null || high == null || item.has("swing")) {
                    input.in.fail(at, "give both 'low' and 'high', or a relative 'swing' (0.1 for ±10 %), not a mix", null);
                    continue;
                }
                lowValue = input.in.number(low, lowAt);
                highValue = input.in.number(high, highAt);
            } else if (!Double.isNaN(swing)) {
                if (lever == null) continue;
                Optional<String> problem = Tornado.problemWithRelativeSwing(lever);
                if (problem.isPresent()) {
                    input.in.fail(at, problem.get(), lever.path());
                    continue;
                }
                Tornado.Input swung = Tornado.Input.swing(lever, swing, LeverDomain.allowed(compiled, lever));
                String swingAt = item.has("swing") ? at + "/swing" : "/swing";
                // held inside the lever's domain; what can still be broken (a whole number of years) is refused
                if (input.allowed(compiled, lever, swung.low(), swingAt) & input.allowed(compiled, lever, swung.high(), swingAt)) {
                    levers.add(swung);
                }
                continue;
            } else {
                input.in.fail(at, "give 'low' and 'high', or a relative 'swing' here or for all levers", null);
                continue;
            }
            if (lever == null) continue;
            boolean ok = input.allowed(compiled, lever, lowValue, lowAt) & input.allowed(compiled, lever, highValue, highAt);
            if (ok) levers.add(new Tornado.Input(lever, lowValue, highValue));
        }
        return levers;
    }

    /** Spider levers: paths whose every relative change, held inside the lever's domain, gives an allowed value. */
    public static List<BoundLever> spiderLevers(AnalysisInput input, CompiledScenario compiled, List<JsonNode> items, double[] changes) {
        List<BoundLever> levers = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String at = JsonPointer.child("/levers", i);
            BoundLever lever = input.lever(compiled, items.get(i), at);
            if (lever == null) continue;
            Optional<String> problem = Spider.problemWithLever(lever);
            if (problem.isPresent()) {
                input.in.fail(at, problem.get(), lever.path());
                continue;
            }
            boolean ok = true;
            for (double change : changes) {
                ok &= input.allowed(compiled, lever, Spider.heldValueAt(compiled, lever, change), at);
            }
            if (ok) levers.add(lever);
        }
        return levers;
    }

    /** Break-even levers: a path, or {path, lower, upper} to set the bounds searched. */
    public static List<BreakEven.Input> breakEvenLevers(AnalysisInput input, CompiledScenario compiled, List<JsonNode> items) {
        List<BreakEven.Input> levers = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String at = JsonPointer.child("/levers", i);
            JsonNode item = items.get(i);
            JsonNode pathNode = item.isObject() ? input.in.required(item, at, "path") : item;
            if (item.isObject() && !input.in.object(item, at, "a break-even lever", Set.of("path", "lower", "upper"))) continue;
            BoundLever lever = input.lever(compiled, pathNode, item.isObject() ? at + "/path" : at);
            if (lever == null) continue;
            double[] bounds = bounds(input, compiled, lever, item.isObject() ? item : null, at);
            if (bounds != null) levers.add(new BreakEven.Input(lever, bounds[0], bounds[1]));
        }
        return levers;
    }

    /** A list of numbers, or {from, to, steps}: steps equal steps, both ends included. */
    /**
     * A spider's relative changes: listed in {@code changes} or a range in {@code changeRange}, exactly
     * one. A range in {@code changes} itself, as the contract once allowed, is still read.
     */
    public static double[] spiderChanges(AnalysisInput input, int max) {
        String what = "relative changes in a spider";
        JsonNode listed = input.in.optional(input.root, "changes");
        JsonNode range = input.in.optional(input.root, "changeRange");
        if (listed != null && range != null) {
            input.in.fail("/changeRange", "the changes are already listed in 'changes'; give either the list or the range", null);
            return new double[0];
        }
        if (range == null) {
            if (listed == null) input.in.fail("/changes", "is required: a list of relative changes (or a range {from, to, steps} in 'changeRange')", null);
            return values(input, listed, "/changes", max, what);
        }
        if (!range.isObject()) {
            input.in.fail("/changeRange", "is " + JsonInput.describe(range) + "; expected a range {from, to, steps} (a list goes in 'changes')", null);
            return new double[0];
        }
        return values(input, range, "/changeRange", max, what);
    }

    public static double[] values(AnalysisInput input, JsonNode node, String at, int max, String what) {
        if (node == null) return new double[0];
        if (node.isArray()) {
            if (node.size() > max) throw new LimitExceededException(at, what, node.size(), max);
            if (node.isEmpty()) input.in.fail(at, "is empty; give at least one value", null);
            double[] v = new double[node.size()];
            for (int i = 0; i < v.length; i++) v[i] = input.in.number(node.get(i), JsonPointer.child(at, i));
            return v;
        }
        if (!input.in.object(node, at, "a range", Set.of("from", "to", "steps"))) return new double[0];
        double from = input.in.requiredNumber(node, at, "from");
        double to = input.in.requiredNumber(node, at, "to");
        int steps = input.in.requiredInteger(node, at, "steps", 0);
        Optional<String> badSteps = node.has("steps") ? Grid.problemWithSteps(steps) : Optional.empty();
        if (badSteps.isPresent()) {
            input.in.fail(at + "/steps", badSteps.get(), steps);
            return new double[0];
        }
        if ((long) steps + 1 > max) throw new LimitExceededException(at + "/steps", what, (long) steps + 1, max);
        if (Double.isNaN(from) || Double.isNaN(to) || steps < 1) return new double[0];
        return Grid.range(from, to, steps);
    }

    /** The bounds searched: {@code lower}/{@code upper} in {@code node}, else the lever's whole range. */
    public static double[] bounds(AnalysisInput input, CompiledScenario compiled, BoundLever lever, JsonNode node, String at) {
        if (lever == null) return null;
        Optional<String> problem = GoalSeek.problemWithLever(lever);
        if (problem.isPresent()) {
            input.in.fail(at.isEmpty() ? "/lever" : at, problem.get(), lever.path());
            return null;
        }
        LeverDomain domain = LeverDomain.of(compiled, lever);
        double lower = node == null ? domain.lower() : input.in.optionalNumber(node, at, "lower", domain.lower());
        double upper = node == null ? domain.upper() : input.in.optionalNumber(node, at, "upper", domain.upper());
        if (Double.isNaN(lower) || Double.isNaN(upper)) return null;
        boolean ok = input.allowed(compiled, lever, lower, at + "/lower") & input.allowed(compiled, lever, upper, at + "/upper");
        Optional<String> empty = ok ? GoalSeek.problemWithBounds(lower, upper) : Optional.empty();
        empty.ifPresent(p -> input.in.fail(at + "/upper", p, upper));
        return ok && empty.isEmpty() ? new double[] {lower, upper} : null;
    }

    public static double tolerance(AnalysisInput input, double target) {
        double tolerance = input.in.optionalNumber(input.root, "", "tolerance",
                GoalSeek.defaultTolerance(Double.isNaN(target) ? 0 : target));
        GoalSeek.problemWithTolerance(tolerance).ifPresent(problem -> input.in.fail("/tolerance", problem, tolerance));
        return tolerance;
    }

    /** The levers a bridge attributes to: the variant's overrides, or every number that differs from a full variant. */
    public static List<Bridge.Change> bridgeChanges(AnalysisInput input, CompiledScenario baseline) {
        JsonNode variant = input.in.required(input.root, "", "variant");
        if (variant == null || !input.in.object(variant, "/variant", "a bridge variant", Set.of("set", "scenario"))) {
            return List.of();
        }
        JsonNode set = input.in.optional(variant, "set");
        JsonNode scenario = input.in.optional(variant, "scenario");
        if ((set == null) == (scenario == null)) {
            input.in.fail("/variant", "give exactly one of 'set' (lever overrides) or 'scenario' (a full scenario of the same shape)", null);
            return List.of();
        }
        return scenario != null ? wholeVariant(input, baseline, scenario) : setVariant(input, baseline, set);
    }

    private static List<Bridge.Change> wholeVariant(AnalysisInput input, CompiledScenario baseline, JsonNode scenario) {
        Scenario s = ScenarioJson.read(scenario, "/variant/scenario", input.violations);
        if (s == null || !input.violations.isEmpty()) return List.of();
        CompiledScenario other = CompiledScenario.compile(s);
        Optional<Violation> problem = Bridge.problemWithVariant(baseline, other);
        problem.ifPresent(v -> input.in.fail("/variant/scenario" + v.pointer(), v.message(), v.value()));
        return problem.isPresent() ? List.of() : Bridge.differences(baseline, other);
    }

    /** Overrides held to the rules as a whole variant (see {@link Overrides}), in the order given. */
    private static List<Bridge.Change> setVariant(AnalysisInput input, CompiledScenario baseline, JsonNode set) {
        if (!set.isObject() || set.isEmpty()) {
            input.in.fail("/variant/set", "must be a non-empty JSON object of lever path → number", null);
            return List.of();
        }
        List<Overrides.Value> values = new ArrayList<>();
        List<BoundLever> levers = new ArrayList<>();
        for (var e : input.in.entries(set)) {
            String at = JsonPointer.child("/variant/set", e.getKey());
            BoundLever lever = input.lever(baseline, TextNode.valueOf(e.getKey()), at);
            double value = input.in.number(e.getValue(), at);
            if (lever == null || Double.isNaN(value)) continue;
            values.add(new Overrides.Value(e.getKey(), lever.lever(), value));
            levers.add(lever);
        }
        // a rule broken only by the values together is reported once every path and number reads
        boolean whole = input.violations.isEmpty();
        for (Overrides.Breach b : Overrides.apply(baseline.scenario(), values).breaches()) {
            Overrides.Value v = b.culprit().orElse(null);
            if (v != null) {
                input.in.fail(JsonPointer.child("/variant/set", v.path()), v.path() + " = " + Numbers.plain(v.value())
                        + ": " + b.violation().message(), b.violation().value());
            } else if (whole) {
                input.in.fail("/variant/set", "the variant with every value set breaks a rule at "
                        + b.violation().pointer() + ": " + b.violation().message(), null);
            }
        }
        List<Bridge.Change> changes = new ArrayList<>();
        for (int i = 0; i < levers.size(); i++) {
            BoundLever lever = levers.get(i);
            double to = values.get(i).value();
            // compared with the slot as compiled: a rate set to the value it followed no longer follows
            if (Double.compare(to, baseline.parameters()[lever.slot()]) != 0) {
                changes.add(new Bridge.Change(lever.path(), lever.slot(), lever.baseValue(), to));
            }
        }
        return changes;
    }
}
