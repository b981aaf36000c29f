package io.parley.document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.parley.analysis.BoundLever;
import io.parley.engine.CompiledScenario;
import io.parley.engine.Metric;
import io.parley.model.InvalidInputException;
import io.parley.model.InvalidLeverPathException;
import io.parley.model.JsonPointer;
import io.parley.model.Lever;
import io.parley.model.LeverPath;
import io.parley.model.LimitExceededException;
import io.parley.model.Numbers;
import io.parley.model.Scenario;
import io.parley.model.Violation;

/**
 * Reading the parts every analysis request shares (a scenario, metric names, lever paths and their
 * values) while collecting every problem with its pointer, like the scenario reader does.
 */
public final class AnalysisInput {

    public final JsonNode root;
    public final JsonInput in;
    public final List<Violation> violations = new ArrayList<>();
    /** Set by analyses that move several levers at once: the ranges of tier thresholds they move. */
    private List<ThresholdRange> jointThresholds;

    /** The values one tier threshold takes in a request that moves several levers together. */
    private record ThresholdRange(BoundLever lever, Lever.OfTier tier, String at, double min, double max) {
    }

    public AnalysisInput(JsonNode root, String what, String... fields) {
        this.root = root;
        this.in = new JsonInput(violations);
        if (!in.object(root, "", what, new LinkedHashSet<>(List.of(fields)))) {
            throw new InvalidInputException(violations);
        }
    }

    /** The scenario under {@code field}, compiled; every problem found so far is reported if it is not valid. */
    public CompiledScenario scenario(String field) {
        JsonNode node = in.required(root, "", field);
        if (node == null) {
            throw new InvalidInputException(violations);
        }
        int before = violations.size();
        Scenario s = ScenarioJson.read(node, "/" + field, violations);
        if (s == null || violations.size() > before) {
            throw new InvalidInputException(violations);
        }
        CompiledScenario compiled = CompiledScenario.compile(s);
        return variesAYear(root, field) ? compiled.withYearSlots() : compiled;
    }

    /** Free text a request may hold beside its lever paths: never read as a path. */
    private static final Set<String> PROSE = Set.of("name", "description");

    /**
     * True when the request, outside its scenario and its prose, names a rate of one contract year
     * ({@code products[widgets].volumeGrowth[year=3]}) or asks a lever to vary per year ({@code perYear}):
     * only then is the scenario compiled with a slot per year, which every other request would copy for nothing.
     */
    static boolean variesAYear(JsonNode node, String scenarioField) {
        if (node.isTextual()) return LeverPath.namesAYear(node.asText());
        for (var it = node.fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getKey().equals(scenarioField) || PROSE.contains(e.getKey())) continue;
            if (e.getKey().equals("perYear") || LeverPath.namesAYear(e.getKey()) || variesAYear(e.getValue(), null)) return true;
        }
        if (node.isArray()) {
            for (JsonNode item : node) if (variesAYear(item, null)) return true;
        }
        return false;
    }

    /** Metric names under {@code field}: an array of names, or {@code fallback} when absent. */
    public List<Metric> metrics(String field, List<Metric> fallback) {
        JsonNode node = in.optional(root, field);
        if (node == null) {
            return fallback;
        }
        List<Metric> metrics = new ArrayList<>();
        List<JsonNode> names = in.array(node, "/" + field);
        if (node.isArray() && names.isEmpty()) {
            in.fail("/" + field, "names no metric; give at least one, e.g. [\"npv\"]", null);
        }
        Set<Metric> seen = new LinkedHashSet<>();
        for (int i = 0; i < names.size(); i++) {
            Metric m = metric(names.get(i), JsonPointer.child("/" + field, i));
            if (m != null && !seen.add(m)) {
                in.fail(JsonPointer.child("/" + field, i), "metric '" + m.apiName + "' is named twice", m.apiName);
            } else if (m != null) {
                metrics.add(m);
            }
        }
        return metrics;
    }

    /** One metric name under {@code field}, or {@code fallback} when absent. */
    public Metric metric(String field, Metric fallback) {
        JsonNode node = in.optional(root, field);
        return node == null ? fallback : metric(node, "/" + field);
    }

    public Metric metric(JsonNode node, String at) {
        String name = in.text(node, at);
        if (name == null) return null;
        var metric = Metric.byName(name);
        if (metric.isEmpty()) {
            Set<String> names = new LinkedHashSet<>();
            for (Metric m : Metric.values()) names.add(m.apiName);
            in.fail(at, "no metric '" + name + "'" + JsonInput.suggestion(name, names)
                    + "; GET /api/v1/metrics lists them", name);
            return null;
        }
        return metric.get();
    }

    /**
     * The items of the request's {@code levers} array: at least one (reported), at most {@code max}
     * (a 422 limit-exceeded naming {@code what}).
     */
    public List<JsonNode> leverItems(String noun, String what, int max) {
        List<JsonNode> items = in.array(in.required(root, "", "levers"), "/levers");
        if (root.path("levers").isArray() && items.isEmpty()) {
            in.fail("/levers", "names no " + noun + "; give at least one", null);
        }
        if (items.size() > max) {
            throw new LimitExceededException("/levers", what, items.size(), max);
        }
        return items;
    }

    /** A lever path bound to the compiled scenario, or null (reported) when it names nothing. */
    public BoundLever lever(CompiledScenario compiled, JsonNode node, String at) {
        String path = in.text(node, at);
        if (path == null) return null;
        try {
            return BoundLever.bind(compiled, path);
        } catch (InvalidLeverPathException e) {
            in.fail(at, "lever path '" + path + "': " + e.getMessage(), path);
            return null;
        }
    }

    /** Reports {@code value} at {@code at} if it breaks the rule of the lever's field. */
    public boolean allowed(CompiledScenario compiled, BoundLever lever, double value, String at) {
        if (Double.isNaN(value)) return false;
        var broken = lever.ruleBrokenBy(compiled, value);
        broken.ifPresent(rule -> in.fail(at, lever.path() + " = " + Numbers.plain(value) + ": " + rule, value));
        if (broken.isEmpty() && jointThresholds != null && lever.lever() instanceof Lever.OfTier t
                && t.field() == Lever.TierField.threshold) {
            jointThresholds.add(new ThresholdRange(lever, t, at, value, value));
        }
        return broken.isEmpty();
    }

    /**
     * This request moves its levers together (a grid, samples, a solver's decisions), not one at a
     * time: each value is checked against the scenario's other values as {@link #allowed} does, and
     * {@link #done} checks that thresholds of one rebate schedule moved together ascend in every
     * combination, which no single value's check can see.
     */
    public void leversMoveTogether() {
        jointThresholds = new ArrayList<>();
    }

    /** Two thresholds of one schedule whose ranges overlap: some combination would not ascend. */
    private void checkThresholdsAscend() {
        Map<Integer, ThresholdRange> bySlot = new LinkedHashMap<>();
        for (ThresholdRange r : jointThresholds) {
            // keep the pointer of the lowest value: that is the one reported when the lever is the upper one
            bySlot.merge(r.lever().slot(), r, (a, b) -> new ThresholdRange(a.lever(), a.tier(),
                    b.min() < a.min() ? b.at() : a.at(), Math.min(a.min(), b.min()), Math.max(a.max(), b.max())));
        }
        List<ThresholdRange> ranges = new ArrayList<>(bySlot.values());
        for (ThresholdRange lower : ranges) {
            for (ThresholdRange upper : ranges) {
                if (lower.tier().side() == upper.tier().side() && lower.tier().tier() < upper.tier().tier()
                        && lower.max() >= upper.min()) {
                    in.fail(upper.at(), upper.lever().path() + " goes down to " + Numbers.plain(upper.min()) + " while "
                            + lower.lever().path() + " goes up to " + Numbers.plain(lower.max())
                            + ": the thresholds of one rebate schedule must ascend in every combination moved together;"
                            + " narrow the ranges so they do not overlap", upper.min());
                }
            }
        }
    }

    /** Throws every problem found so far. */
    public void done() {
        if (jointThresholds != null) checkThresholdsAscend();
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }
}
