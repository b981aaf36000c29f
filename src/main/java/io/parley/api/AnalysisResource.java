package io.parley.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.analysis.BoundLever;
import io.parley.analysis.BreakEven;
import io.parley.analysis.Bridge;
import io.parley.analysis.GoalSeek;
import io.parley.analysis.Grid;
import io.parley.analysis.LeverDomain;
import io.parley.analysis.Spider;
import io.parley.analysis.Tornado;
import io.parley.engine.CompiledScenario;
import io.parley.engine.Metric;
import io.parley.model.JsonPointer;
import io.parley.model.Scenario;

/**
 * The deterministic what-if analyses: tornado, spider, goal seek, break-even and bridge. Sweeps,
 * which stream, are in {@link SweepResource}.
 */
@Path("/api/v1/analyses")
@io.parley.ops.Traced
public class AnalysisResource {

    private static final List<Metric> NPV = List.of(Metric.NPV);

    private final JsonBodies bodies;
    private final ObjectMapper mapper;
    private final ParleyConfig.Analyses limits;
    private final String engineVersion;

    public AnalysisResource(JsonBodies bodies, ObjectMapper mapper, ParleyConfig config,
                            @ConfigProperty(name = "quarkus.application.version") String engineVersion) {
        this.bodies = bodies;
        this.mapper = mapper;
        this.limits = config.analyses();
        this.engineVersion = engineVersion;
    }

    // ---------------------------------------------------------------- tornado

    @POST
    @Path("/tornado")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    public Response tornado(byte[] body, @Context UriInfo uri, @Context HttpHeaders headers) {
        Requests.onlyKnownParameters(uri, Set.of());
        AnalysisInput input = new AnalysisInput(bodies.parse(body), "a tornado request", "scenario", "metrics", "levers", "swing");
        CompiledScenario compiled = input.scenario("scenario");
        List<Metric> metrics = input.metrics("metrics", NPV);
        double defaultSwing = input.in.optionalNumber(input.root, "", "swing", Double.NaN);
        List<JsonNode> items = leverItems(input);
        List<Tornado.Input> levers = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String at = JsonPointer.child("/levers", i);
            JsonNode item = items.get(i);
            if (!input.in.object(item, at, "a tornado lever", Set.of("path", "low", "high", "swing"))) continue;
            BoundLever lever = input.lever(compiled, input.in.required(item, at, "path"), at + "/path");
            JsonNode low = input.in.optional(item, "low");
            JsonNode high = input.in.optional(item, "high");
            double swing = input.in.optionalNumber(item, at, "swing", defaultSwing);
            double lowValue;
            double highValue;
            String lowAt = at + "/low";
            String highAt = at + "/high";
            if (low != null || high != null) {
                if (low == null || high == null || item.has("swing")) {
                    input.in.fail(at, "give both 'low' and 'high', or a relative 'swing' (0.1 for ±10 %), not a mix", null);
                    continue;
                }
                lowValue = input.in.number(low, lowAt);
                highValue = input.in.number(high, highAt);
            } else if (!Double.isNaN(swing)) {
                if (lever == null) continue;
                if (lever.baseValue() == 0) {
                    input.in.fail(at, lever.path() + " is 0 in the scenario, so a relative swing leaves it at 0; "
                            + "give 'low' and 'high' instead", lever.path());
                    continue;
                }
                lowValue = lever.baseValue() * (1 - swing);
                highValue = lever.baseValue() * (1 + swing);
                lowAt = highAt = item.has("swing") ? at + "/swing" : "/swing";
            } else {
                input.in.fail(at, "give 'low' and 'high', or a relative 'swing' here or for all levers", null);
                continue;
            }
            if (lever == null) continue;
            boolean ok = input.allowed(compiled, lever, lowValue, lowAt) & input.allowed(compiled, lever, highValue, highAt);
            if (ok) levers.add(new Tornado.Input(lever, lowValue, highValue));
        }
        input.done();

        List<Tornado.Chart> charts = Tornado.run(compiled, levers, metrics);
        Provenance provenance = provenance(compiled);
        if (Requests.wantsCsv(headers)) {
            StringBuilder csv = new StringBuilder("metric,lever,baseValue,low,high,base,atLow,atHigh,swing\r\n");
            for (Tornado.Chart c : charts) {
                for (Tornado.Bar b : c.bars()) {
                    Csv.cells(csv, c.metric().apiName, b.lever(), b.baseValue(), b.low(), b.high(), c.base(),
                            b.atLow(), b.atHigh(), b.swing());
                }
            }
            return csvResponse(csv, provenance).build();
        }
        ObjectNode out = mapper.createObjectNode();
        ArrayNode list = out.putArray("metrics");
        for (Tornado.Chart c : charts) {
            ObjectNode chart = list.addObject().put("metric", c.metric().apiName);
            number(chart, "base", c.base());
            ArrayNode bars = chart.putArray("bars");
            for (Tornado.Bar b : c.bars()) {
                ObjectNode bar = bars.addObject().put("lever", b.lever());
                number(bar, "baseValue", b.baseValue());
                number(bar, "low", b.low());
                number(bar, "high", b.high());
                number(bar, "atLow", b.atLow());
                number(bar, "atHigh", b.atHigh());
                number(bar, "swing", b.swing());
            }
        }
        return jsonResponse(out, provenance);
    }

    // ---------------------------------------------------------------- spider

    @POST
    @Path("/spider")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    public Response spider(byte[] body, @Context UriInfo uri, @Context HttpHeaders headers) {
        Requests.onlyKnownParameters(uri, Set.of());
        AnalysisInput input = new AnalysisInput(bodies.parse(body), "a spider request", "scenario", "metrics", "levers", "changes");
        CompiledScenario compiled = input.scenario("scenario");
        List<Metric> metrics = input.metrics("metrics", NPV);
        double[] changes = values(input, input.in.required(input.root, "", "changes"), "/changes",
                limits.maxSpiderChanges(), "relative changes in a spider");
        List<JsonNode> items = leverItems(input);
        List<BoundLever> levers = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String at = JsonPointer.child("/levers", i);
            BoundLever lever = input.lever(compiled, items.get(i), at);
            if (lever == null) continue;
            if (lever.baseValue() == 0) {
                input.in.fail(at, lever.path() + " is 0 in the scenario, so a relative change leaves it at 0; "
                        + "sweep it over absolute values instead", lever.path());
                continue;
            }
            boolean ok = true;
            for (double change : changes) {
                ok &= input.allowed(compiled, lever, Spider.valueAt(lever, change), at);
            }
            if (ok) levers.add(lever);
        }
        input.done();

        List<Spider.Chart> charts = Spider.run(compiled, levers, changes, metrics);
        Provenance provenance = provenance(compiled);
        if (Requests.wantsCsv(headers)) {
            StringBuilder csv = new StringBuilder("metric,lever,change,value,result\r\n");
            for (Spider.Chart c : charts) {
                for (Spider.Leg leg : c.legs()) {
                    for (int k = 0; k < changes.length; k++) {
                        Csv.cells(csv, c.metric().apiName, leg.lever(), changes[k], leg.values()[k], leg.results()[k]);
                    }
                }
            }
            return csvResponse(csv, provenance).build();
        }
        ObjectNode out = mapper.createObjectNode();
        numbers(out.putArray("changes"), changes);
        ArrayNode list = out.putArray("metrics");
        for (Spider.Chart c : charts) {
            ObjectNode chart = list.addObject().put("metric", c.metric().apiName);
            number(chart, "base", c.base());
            ArrayNode legs = chart.putArray("legs");
            for (Spider.Leg leg : c.legs()) {
                ObjectNode o = legs.addObject().put("lever", leg.lever());
                number(o, "baseValue", leg.baseValue());
                numbers(o.putArray("values"), leg.values());
                numbers(o.putArray("results"), leg.results());
            }
        }
        return jsonResponse(out, provenance);
    }

    // ---------------------------------------------------------------- goal seek

    @POST
    @Path("/goal-seek")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response goalSeek(byte[] body, @Context UriInfo uri) {
        Requests.onlyKnownParameters(uri, Set.of());
        AnalysisInput input = new AnalysisInput(bodies.parse(body), "a goal-seek request",
                "scenario", "lever", "metric", "target", "lower", "upper", "tolerance");
        CompiledScenario compiled = input.scenario("scenario");
        Metric metric = input.metric(input.in.required(input.root, "", "metric"), "/metric");
        double target = input.in.requiredNumber(input.root, "", "target");
        BoundLever lever = input.lever(compiled, input.in.required(input.root, "", "lever"), "/lever");
        double[] bounds = bounds(input, compiled, lever, input.root, "");
        double tolerance = tolerance(input, target);
        input.done();

        GoalSeek.Result r = GoalSeek.seek(compiled, lever, metric, target, bounds[0], bounds[1], tolerance);
        ObjectNode out = mapper.createObjectNode();
        out.put("lever", lever.path()).put("metric", metric.apiName);
        number(out, "target", target);
        goalSeekResult(out, r);
        return jsonResponse(out, provenance(compiled));
    }

    // ---------------------------------------------------------------- break-even

    @POST
    @Path("/break-even")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    public Response breakEven(byte[] body, @Context UriInfo uri, @Context HttpHeaders headers) {
        Requests.onlyKnownParameters(uri, Set.of());
        AnalysisInput input = new AnalysisInput(bodies.parse(body), "a break-even request",
                "scenario", "metric", "threshold", "levers", "tolerance");
        CompiledScenario compiled = input.scenario("scenario");
        Metric metric = input.metric("metric", Metric.NPV);
        double threshold = input.in.optionalNumber(input.root, "", "threshold", 0);
        double tolerance = tolerance(input, threshold);
        List<JsonNode> items = leverItems(input);
        List<BreakEven.Input> levers = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String at = JsonPointer.child("/levers", i);
            JsonNode item = items.get(i);
            // a lever is a path, or {path, lower, upper} to set the bounds searched
            JsonNode pathNode = item.isObject() ? input.in.required(item, at, "path") : item;
            if (item.isObject() && !input.in.object(item, at, "a break-even lever", Set.of("path", "lower", "upper"))) continue;
            BoundLever lever = input.lever(compiled, pathNode, item.isObject() ? at + "/path" : at);
            if (lever == null) continue;
            double[] bounds = bounds(input, compiled, lever, item.isObject() ? item : null, at);
            if (bounds != null) levers.add(new BreakEven.Input(lever, bounds[0], bounds[1]));
        }
        input.done();

        List<BreakEven.Row> rows = BreakEven.table(compiled, levers, metric, threshold, tolerance);
        double base = compiled.summary()[metric.ordinal()];
        Provenance provenance = provenance(compiled);
        if (Requests.wantsCsv(headers)) {
            StringBuilder csv = new StringBuilder("lever,current,breakEven,headroom,relativeHeadroom,status\r\n");
            for (BreakEven.Row row : rows) {
                Csv.cells(csv, row.lever(), row.current(), row.breakEven(), row.headroom(), row.relativeHeadroom(),
                        status(row.status()));
            }
            return csvResponse(csv, provenance).build();
        }
        ObjectNode out = mapper.createObjectNode().put("metric", metric.apiName);
        number(out, "threshold", threshold);
        number(out, "base", base);
        ArrayNode list = out.putArray("levers");
        for (BreakEven.Row row : rows) {
            ObjectNode o = list.addObject().put("lever", row.lever());
            number(o, "current", row.current());
            number(o, "breakEven", row.breakEven());
            number(o, "headroom", row.headroom());
            number(o, "relativeHeadroom", row.relativeHeadroom());
            o.put("status", status(row.status()));
            goalSeekResult(o.putObject("search"), row.search());
        }
        return jsonResponse(out, provenance);
    }

    // ---------------------------------------------------------------- bridge

    @POST
    @Path("/bridge")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    public Response bridge(byte[] body, @Context UriInfo uri, @Context HttpHeaders headers) {
        Requests.onlyKnownParameters(uri, Set.of());
        AnalysisInput input = new AnalysisInput(bodies.parse(body), "a bridge request",
                "baseline", "variant", "metrics", "method");
        CompiledScenario baseline = input.scenario("baseline");
        List<Metric> metrics = input.metrics("metrics", NPV);
        String methodName = input.in.optionalText(input.root, "", "method", "auto");
        if (methodName != null && !List.of("auto", "shapley", "sequential").contains(methodName)) {
            input.in.fail("/method", "'" + methodName + "' is not one of auto, shapley, sequential", methodName);
        }
        List<Bridge.Change> changes = bridgeChanges(input, baseline);
        input.done();
        // thresholds that would cross on the way move as one step: the step count is what is limited
        List<Bridge.Step> steps = Bridge.steps(baseline, changes);
        if (changes.size() > limits.maxBridgeLevers()) {
            throw Problem.overLimit("/variant", "levers changed in a bridge", changes.size(), limits.maxBridgeLevers());
        }
        Bridge.Method method = switch (methodName == null ? "auto" : methodName) {
            case "shapley" -> Bridge.Method.SHAPLEY;
            case "sequential" -> Bridge.Method.SEQUENTIAL;
            default -> Bridge.automatic(steps.size());
        };
        if (method == Bridge.Method.SHAPLEY && steps.size() > Bridge.MAX_SHAPLEY_LEVERS) {
            throw Problem.overLimit("/method", "levers changed for a Shapley bridge (2^n evaluations)",
                    steps.size(), Bridge.MAX_SHAPLEY_LEVERS);
        }
        Bridge.Result r = Bridge.runSteps(baseline, steps, metrics, method);
        Provenance provenance = provenance(baseline);
        String methodOut = method == Bridge.Method.SHAPLEY ? "shapley" : "sequential";
        if (Requests.wantsCsv(headers)) {
            StringBuilder csv = new StringBuilder("metric,step,from,to,value\r\n");
            for (Bridge.Waterfall w : r.waterfalls()) {
                Csv.cells(csv, w.metric().apiName, "baseline", Double.NaN, Double.NaN, w.baseline());
                for (int i = 0; i < r.steps().size(); i++) {
                    Bridge.Step step = r.steps().get(i);
                    Csv.cells(csv, w.metric().apiName, step.lever(), from(step), to(step), w.contributions()[i]);
                }
                Csv.cells(csv, w.metric().apiName, "variant", Double.NaN, Double.NaN, w.variant());
            }
            return csvResponse(csv, provenance).header("Parley-Bridge-Method", methodOut).build();
        }
        ObjectNode out = mapper.createObjectNode().put("method", methodOut);
        ArrayNode levers = out.putArray("levers");
        for (Bridge.Step step : r.steps()) {
            ObjectNode o = levers.addObject().put("lever", step.lever());
            number(o, "from", from(step));
            number(o, "to", to(step));
            if (step.changes().size() > 1) {
                ArrayNode parts = o.putArray("parts");
                for (Bridge.Change c : step.changes()) {
                    ObjectNode part = parts.addObject().put("lever", c.lever());
                    number(part, "from", c.from());
                    number(part, "to", c.to());
                }
            }
        }
        ArrayNode list = out.putArray("metrics");
        for (Bridge.Waterfall w : r.waterfalls()) {
            ObjectNode o = list.addObject().put("metric", w.metric().apiName);
            number(o, "baseline", w.baseline());
            number(o, "variant", w.variant());
            number(o, "change", w.total());
            ArrayNode waterfall = o.putArray("steps");
            for (int i = 0; i < r.steps().size(); i++) {
                ObjectNode step = waterfall.addObject().put("lever", r.steps().get(i).lever());
                number(step, "contribution", w.contributions()[i]);
            }
        }
        return jsonResponse(out, provenance);
    }

    /** The levers a bridge attributes to: the variant's overrides, or every number that differs from a full variant. */
    /** A step's baseline value; NaN (null) for thresholds moved together, which carry theirs in {@code parts}. */
    private static double from(Bridge.Step step) {
        return step.changes().size() == 1 ? step.changes().get(0).from() : Double.NaN;
    }

    private static double to(Bridge.Step step) {
        return step.changes().size() == 1 ? step.changes().get(0).to() : Double.NaN;
    }

    private List<Bridge.Change> bridgeChanges(AnalysisInput input, CompiledScenario baseline) {
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
        if (scenario != null) {
            Scenario s = ScenarioJson.read(scenario, "/variant/scenario", input.violations);
            if (s == null || !input.violations.isEmpty()) return List.of();
            if (!s.currency().equals(baseline.scenario().currency())) {
                input.in.fail("/variant/scenario/currency", "the variant is in " + s.currency() + " and the baseline in "
                        + baseline.scenario().currency() + "; a bridge compares figures in one currency", s.currency());
                return List.of();
            }
            CompiledScenario other = CompiledScenario.compile(s);
            if (!baseline.sameShape(other)) {
                input.in.fail("/variant/scenario", "differs from the baseline in shape (horizon, products, rebate tiers "
                        + "or services); a bridge attributes changes of numbers only — use 'set' or compare the two scenarios", null);
                return List.of();
            }
            return Bridge.differences(baseline, other);
        }
        if (!set.isObject() || set.isEmpty()) {
            input.in.fail("/variant/set", "must be a non-empty JSON object of lever path → number", null);
            return List.of();
        }
        List<Bridge.Change> changes = new ArrayList<>();
        Set<Integer> slots = new java.util.HashSet<>();
        for (var e : input.in.entries(set)) {
            String at = JsonPointer.child("/variant/set", e.getKey());
            BoundLever lever = input.lever(baseline, mapper.getNodeFactory().textNode(e.getKey()), at);
            double value = input.in.number(e.getValue(), at);
            if (lever == null || !input.allowed(baseline, lever, value, at)) continue;
            if (!slots.add(lever.slot())) {
                input.in.fail(at, "sets the same number as another path in this variant", e.getKey());
                continue;
            }
            if (Double.compare(value, lever.baseValue()) != 0) {
                changes.add(new Bridge.Change(lever.path(), lever.slot(), lever.baseValue(), value));
            }
        }
        // each value was checked against the baseline's others; the variant as a whole must hold too
        // (two thresholds each fine alone can end up out of order together)
        if (input.violations.isEmpty()) {
            Scenario whole = baseline.scenario();
            for (Bridge.Change c : changes) whole = io.parley.model.Levers.apply(whole, io.parley.model.Levers.resolve(c.lever(), whole), c.to());
            for (var v : io.parley.model.ScenarioValidator.validate(whole)) {
                input.in.fail("/variant/set", "the variant with every value set breaks a rule at " + v.pointer() + ": "
                        + v.message(), null);
            }
        }
        return changes;
    }

    // ---------------------------------------------------------------- shared

    private List<JsonNode> leverItems(AnalysisInput input) {
        List<JsonNode> items = input.in.array(input.in.required(input.root, "", "levers"), "/levers");
        if (input.root.path("levers").isArray() && items.isEmpty()) {
            input.in.fail("/levers", "names no lever; give at least one", null);
        }
        if (items.size() > limits.maxLevers()) {
            throw Problem.overLimit("/levers", "levers in one analysis", items.size(), limits.maxLevers());
        }
        return items;
    }

    /** A list of numbers, or {from, to, steps}: steps equal steps, both ends included. */
    static double[] values(AnalysisInput input, JsonNode node, String at, int max, String what) {
        if (node == null) return new double[0];
        if (node.isArray()) {
            if (node.size() > max) throw Problem.overLimit(at, what, node.size(), max);
            if (node.isEmpty()) input.in.fail(at, "is empty; give at least one value", null);
            double[] v = new double[node.size()];
            for (int i = 0; i < v.length; i++) v[i] = input.in.number(node.get(i), JsonPointer.child(at, i));
            return v;
        }
        if (!input.in.object(node, at, "a range", Set.of("from", "to", "steps"))) return new double[0];
        double from = input.in.requiredNumber(node, at, "from");
        double to = input.in.requiredNumber(node, at, "to");
        int steps = input.in.requiredInteger(node, at, "steps", 0);
        if (node.has("steps") && steps < 1) {
            input.in.fail(at + "/steps", steps + " is not a number of steps (1 or more)", steps);
            return new double[0];
        }
        if ((long) steps + 1 > max) throw Problem.overLimit(at + "/steps", what, (long) steps + 1, max);
        if (Double.isNaN(from) || Double.isNaN(to) || steps < 1) return new double[0];
        return Grid.range(from, to, steps);
    }

    /** The bounds searched: {@code lower}/{@code upper} in {@code node}, else the lever's whole range. */
    private static double[] bounds(AnalysisInput input, CompiledScenario compiled, BoundLever lever, JsonNode node, String at) {
        if (lever == null) return null;
        if (lever.lever().integral()) {
            input.in.fail(at.isEmpty() ? "/lever" : at, lever.path() + " takes whole numbers only; "
                    + "sweep its values instead of searching", lever.path());
            return null;
        }
        LeverDomain domain = LeverDomain.of(compiled, lever);
        double lower = node == null ? domain.lower() : input.in.optionalNumber(node, at, "lower", domain.lower());
        double upper = node == null ? domain.upper() : input.in.optionalNumber(node, at, "upper", domain.upper());
        if (Double.isNaN(lower) || Double.isNaN(upper)) return null;
        boolean ok = input.allowed(compiled, lever, lower, at + "/lower") & input.allowed(compiled, lever, upper, at + "/upper");
        if (ok && !(lower < upper)) {
            input.in.fail(at + "/upper", "upper bound " + io.parley.model.Numbers.plain(upper)
                    + " is not above the lower bound " + io.parley.model.Numbers.plain(lower), upper);
            ok = false;
        }
        return ok ? new double[] {lower, upper} : null;
    }

    private static double tolerance(AnalysisInput input, double target) {
        double tolerance = input.in.optionalNumber(input.root, "", "tolerance",
                GoalSeek.defaultTolerance(Double.isNaN(target) ? 0 : target));
        if (!(tolerance > 0) || Double.isInfinite(tolerance)) {
            input.in.fail("/tolerance", io.parley.model.Numbers.plain(tolerance) + " is not a positive tolerance", tolerance);
        }
        return tolerance;
    }

    private void goalSeekResult(ObjectNode out, GoalSeek.Result r) {
        out.put("status", status(r.status()));
        number(out, "value", r.value());
        number(out, "result", r.result());
        number(out, "tolerance", r.tolerance());
        ObjectNode lower = out.putObject("atLower");
        number(lower, "value", r.lower());
        number(lower, "result", r.atLower());
        ObjectNode upper = out.putObject("atUpper");
        number(upper, "value", r.upper());
        number(upper, "result", r.atUpper());
        ArrayNode crossings = out.putArray("crossings");
        for (GoalSeek.Crossing c : r.crossings()) {
            ObjectNode o = crossings.addObject().put("status", status(c.status()));
            number(o, "value", c.value());
            number(o, "result", c.result());
            if (c.status() == GoalSeek.Status.JUMP) {
                number(o, "below", c.below());
                number(o, "above", c.above());
            }
        }
        out.put("evaluations", r.evaluations());
    }

    static String status(GoalSeek.Status status) {
        return switch (status) {
            case REACHED -> "reached";
            case JUMP -> "jump";
            case NOT_REACHABLE -> "notReachable";
        };
    }

    private Provenance provenance(CompiledScenario compiled) {
        return new Provenance(engineVersion, Provenance.MODEL_VERSION, ScenarioJson.hash(compiled.scenario(), mapper));
    }

    private Response jsonResponse(ObjectNode out, Provenance provenance) {
        out.set("provenance", ResultJson.provenance(provenance, mapper));
        return withProvenance(Response.ok(out, MediaType.APPLICATION_JSON), provenance).build();
    }

    private static Response.ResponseBuilder csvResponse(StringBuilder csv, Provenance provenance) {
        return withProvenance(Response.ok(csv.toString(), Csv.MEDIA_TYPE + "; charset=UTF-8"), provenance);
    }

    static Response.ResponseBuilder withProvenance(Response.ResponseBuilder r, Provenance p) {
        return EvaluationResource.withProvenance(r, p);
    }

    static void number(ObjectNode o, String field, double v) {
        if (Double.isNaN(v)) o.putNull(field);
        else o.put(field, v);
    }

    static void numbers(ArrayNode a, double[] values) {
        for (double v : values) {
            if (Double.isNaN(v)) a.addNull();
            else a.add(v);
        }
    }
}
