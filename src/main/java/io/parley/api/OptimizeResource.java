package io.parley.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.analysis.BoundLever;
import io.parley.analysis.LeverDomain;
import io.parley.engine.CompiledScenario;
import io.parley.engine.Line;
import io.parley.engine.Metric;
import io.parley.model.InvalidInputException;
import io.parley.model.JsonPointer;
import io.parley.model.Numbers;
import io.parley.model.Violation;
import io.parley.optimize.AffineModel;
import io.parley.optimize.Constraint;
import io.parley.optimize.DealOptimizer;
import io.parley.optimize.DealProblem;
import io.parley.optimize.Decision;
import io.parley.optimize.Frontier;
import io.parley.optimize.LinearForm;
import io.parley.optimize.Objective;
import io.parley.optimize.Quantity;

/**
 * {@code POST /api/v1/optimize}: the terms that maximise (or minimise) a deal figure subject to what
 * both sides need, with a sensitivity and a limits report; {@code /optimize/frontier}: the
 * negotiation frontier and the zone of agreement.
 */
@Path("/api/v1/optimize")
@io.parley.ops.Traced
public class OptimizeResource {

    private static final List<String> BACKENDS = List.of("CBC", "SCIP");

    @jakarta.inject.Inject
    io.parley.ops.Meters meters;

    private final JsonBodies bodies;
    private final ObjectMapper mapper;
    private final ParleyConfig.Optimize limits;
    private final String engineVersion;
    private final HeavyWork heavy;

    public OptimizeResource(JsonBodies bodies, ObjectMapper mapper, ParleyConfig config, HeavyWork heavy,
                            @ConfigProperty(name = "quarkus.application.version") String engineVersion) {
        this.bodies = bodies;
        this.mapper = mapper;
        this.limits = config.optimize();
        this.engineVersion = engineVersion;
        this.heavy = heavy;
    }

    /** A checked request. */
    private record Request(DealProblem problem, String backend, List<String> names) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public Response optimize(byte[] body, @Context UriInfo uri) {
        Requests.onlyKnownParameters(uri, Set.of("format"));
        String format = Requests.oneOf(uri, "format", List.of("json", "mps"), "json");
        AnalysisInput input = new AnalysisInput(bodies.parse(body), "an optimisation request",
                "scenario", "decisions", "objective", "constraints", "timeLimitSeconds", "solver");
        input.leversMoveTogether();
        Request request = read(input, true, true);
        Provenance provenance = provenance(request.problem().scenario());
        try (HeavyWork.Permit permit = heavy.acquire()) {
            if (!format.equals("json")) {
                String text = DealOptimizer.export(request.problem(), request.backend());
                return EvaluationResource.withProvenance(Response.ok(text, MediaType.TEXT_PLAIN + "; charset=UTF-8"), provenance).build();
            }
            DealOptimizer.Solution s = DealOptimizer.solve(request.problem(), request.backend(), true);
            meters.solved(s.status(), s.backend(), s.solveMillis());
            ObjectNode out = solution(s, request);
            out.set("provenance", ResultJson.provenance(provenance, mapper));
            return EvaluationResource.withProvenance(Response.ok(out, MediaType.APPLICATION_JSON), provenance).build();
        } catch (AffineModel.NotLinearException e) {
            throw notLinear(e);
        }
    }

    private static InvalidInputException notLinear(AffineModel.NotLinearException e) {
        return new InvalidInputException(new Violation(e.decision() < 0 ? "/decisions" : "/decisions/" + e.decision(),
                e.getMessage(), null));
    }

    @POST
    @Path("/frontier")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response frontier(byte[] body, @Context UriInfo uri) {
        Requests.onlyKnownParameters(uri, Set.of());
        AnalysisInput input = new AnalysisInput(bodies.parse(body), "a frontier request",
                "scenario", "decisions", "constraints", "supplier", "customer", "points", "walkAway", "demand",
                "timeLimitSeconds", "solver");
        input.leversMoveTogether();
        Request request = read(input, false, false);
        Metric supplier = input.metric("supplier", Metric.NPV);
        Metric customer = input.metric("customer", Metric.CUSTOMER_NPV);
        int points = input.in.optionalInteger(input.root, "", "points", 11, 11);
        if (points < 2) input.in.fail("/points", points + " points do not draw a frontier; ask for 2 or more", points);
        if (points > limits.maxFrontierPoints()) {
            throw Problem.overLimit("/points", "points on one frontier", points, limits.maxFrontierPoints());
        }
        double walkAway = input.in.optionalNumber(input.root, "", "walkAway", Double.NaN);
        double demand = input.in.optionalNumber(input.root, "", "demand", Double.NaN);
        for (Metric m : new Metric[] {supplier, customer}) {
            if (m != null && m.unit != Metric.Unit.CURRENCY) {
                input.in.fail(m == supplier ? "/supplier" : "/customer", "'" + m.apiName
                        + "' is not a sum of money; the frontier trades two currency figures, e.g. npv and customerNpv", m.apiName);
            }
        }
        input.done();
        DealProblem problem = new DealProblem(request.problem().scenario(), request.problem().decisions(),
                request.problem().objective(), request.problem().constraints(),
                request.problem().timeLimitSeconds() / (points + 4));
        Frontier.Result r;
        try (HeavyWork.Permit permit = heavy.acquire()) {
            r = Frontier.trace(problem, LinearForm.of(new Quantity.OfMetric(supplier), 1),
                    LinearForm.of(new Quantity.OfMetric(customer), 1), points, walkAway, demand, request.backend());
        } catch (AffineModel.NotLinearException e) {
            throw notLinear(e);
        }
        ObjectNode out = mapper.createObjectNode().put("supplier", supplier.apiName).put("customer", customer.apiName);
        AnalysisResource.number(out, "customerLow", r.customerLow());
        AnalysisResource.number(out, "customerHigh", r.customerHigh());
        if (r.unsolved() != null) {
            ObjectNode why = out.putObject("unsolved").put("status", status(r.unsolved().status()));
            relaxation(why, r.unsolved());
        }
        ArrayNode list = out.putArray("points");
        for (Frontier.Point p : r.points()) {
            ObjectNode o = list.addObject();
            AnalysisResource.number(o, "level", p.level());
            deal(o, p.solution(), request, supplier, customer);
        }
        if (r.zone() != null) {
            ObjectNode zone = out.putObject("zone").put("exists", r.zone().exists());
            AnalysisResource.number(zone, "walkAway", walkAway);
            AnalysisResource.number(zone, "demand", demand);
            deal(zone.putObject("bestForSupplier"), r.zone().bestForSupplier(), request, supplier, customer);
            deal(zone.putObject("bestForCustomer"), r.zone().bestForCustomer(), request, supplier, customer);
        }
        Provenance provenance = provenance(problem.scenario());
        out.set("provenance", ResultJson.provenance(provenance, mapper));
        return EvaluationResource.withProvenance(Response.ok(out, MediaType.APPLICATION_JSON), provenance).build();
    }

    // ---------------------------------------------------------------- reading

    /** Reads the shared parts; with {@code finish}, reports every problem found (else the caller does, after its own). */
    private Request read(AnalysisInput input, boolean withObjective, boolean finish) {
        CompiledScenario compiled = input.scenario("scenario");
        List<Decision> decisions = new ArrayList<>();
        Map<String, Integer> byName = new HashMap<>();
        List<JsonNode> items = input.in.array(input.in.required(input.root, "", "decisions"), "/decisions");
        if (input.root.path("decisions").isArray() && items.isEmpty()) {
            input.in.fail("/decisions", "names no decision; give at least one term to choose", null);
        }
        if (items.size() > limits.maxDecisions()) {
            throw Problem.overLimit("/decisions", "decisions in one optimisation", items.size(), limits.maxDecisions());
        }
        Set<Integer> slots = new java.util.HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String at = JsonPointer.child("/decisions", i);
            Decision d = decision(input, compiled, items.get(i), at);
            if (d == null) continue;
            boolean clash = false;
            for (int slot : slotsOf(d)) clash |= !slots.add(slot);
            if (clash) {
                input.in.fail(at, d.name() + " is decided twice", d.name());
                continue;
            }
            byName.put(d.name(), decisions.size());
            decisions.add(d);
        }
        Objective objective = new Objective(true, LinearForm.of(new Quantity.OfMetric(Metric.NPV), 1));
        if (withObjective) {
            JsonNode node = input.in.optional(input.root, "objective");
            if (node != null) objective = objective(input, node);
        }
        List<Constraint> constraints = new ArrayList<>();
        List<JsonNode> rules = input.in.array(input.in.optional(input.root, "constraints"), "/constraints");
        for (int i = 0; i < rules.size(); i++) {
            constraints.addAll(constraint(input, rules.get(i), JsonPointer.child("/constraints", i), byName,
                    compiled.scenario().horizon().years()));
        }
        double time = input.in.optionalNumber(input.root, "", "timeLimitSeconds", limits.defaultTimeLimitSeconds());
        if (!(time > 0) || time > limits.maxTimeLimitSeconds()) {
            input.in.fail("/timeLimitSeconds", Numbers.plain(time) + " is outside (0, " + Numbers.plain(limits.maxTimeLimitSeconds())
                    + "] seconds, the ceiling this service allows", time);
        }
        String backend = input.in.optionalText(input.root, "", "solver", "CBC");
        if (backend != null && !BACKENDS.contains(backend)) {
            input.in.fail("/solver", "'" + backend + "' is not one of " + String.join(", ", BACKENDS)
                    + " (CP-SAT is not offered: it rounds continuous decisions)", backend);
        }
        if (finish) input.done();
        return new Request(new DealProblem(compiled, decisions, objective, constraints, time), backend,
                decisions.stream().map(Decision::name).toList());
    }

    private static List<Integer> slotsOf(Decision d) {
        if (d instanceof Decision.Continuous c) return List.of(c.lever().slot());
        return ((Decision.Menu) d).settings().stream().map(s -> s.lever().slot()).toList();
    }

    private Decision decision(AnalysisInput input, CompiledScenario compiled, JsonNode item, String at) {
        if (!input.in.object(item, at, "a decision", Set.of("path", "min", "max", "integer", "values", "include"))) return null;
        if (item.has("include")) {
            if (item.size() > 1) {
                input.in.fail(at, "an include decision has only 'include' (a service of the terms, e.g. \"terms.services[vmi]\")", null);
                return null;
            }
            String service = input.in.text(item.get("include"), at + "/include");
            if (service == null) return null;
            if (!service.matches("terms\\.services\\[[^\\]]+]")) {
                input.in.fail(at + "/include", "'" + service + "' is not a service of the terms (terms.services[id])", service);
                return null;
            }
            int before = input.violations.size();
            BoundLever cost = input.lever(compiled, mapper.getNodeFactory().textNode(service + ".costPerYear"), at + "/include");
            if (cost == null) {
                // say it in the request's own words: the service, not its cost field
                var v = input.violations.remove(before);
                input.in.fail(at + "/include", v.message().replace(service + ".costPerYear", service), service);
                return null;
            }
            BoundLever value = BoundLever.bind(compiled, service + ".valuePerYear");
            return Decision.Menu.include(service, cost, value);
        }
        BoundLever lever = input.lever(compiled, input.in.required(item, at, "path"), at + "/path");
        if (lever == null) return null;
        if (item.has("values")) {
            if (item.has("min") || item.has("max") || item.has("integer")) {
                input.in.fail(at, "give a menu of 'values', or 'min' and 'max', not both", null);
                return null;
            }
            double[] values = AnalysisResource.values(input, item.get("values"), at + "/values", limits.maxMenuOptions(),
                    "options of one menu");
            boolean ok = values.length > 0;
            for (int k = 0; k < values.length; k++) ok &= input.allowed(compiled, lever, values[k], at + "/values/" + k);
            return ok ? Decision.Menu.of(lever, values) : null;
        }
        LeverDomain domain = LeverDomain.of(compiled, lever);
        double min = input.in.optionalNumber(item, at, "min", domain.lower());
        double max = input.in.optionalNumber(item, at, "max", domain.upper());
        boolean integer = item.has("integer") && item.get("integer").asBoolean(false);
        if (item.has("integer") && !item.get("integer").isBoolean()) {
            input.in.fail(at + "/integer", "must be true or false", null);
            return null;
        }
        boolean ok = input.allowed(compiled, lever, min, at + "/min") & input.allowed(compiled, lever, max, at + "/max");
        if (!ok) return null;
        if (!(min <= max)) {
            input.in.fail(at + "/max", Numbers.plain(max) + " is below min " + Numbers.plain(min), max);
            return null;
        }
        if (integer || lever.lever().integral()) {
            if (!integer) {
                input.in.fail(at, lever.path() + " takes whole numbers; add \"integer\": true or give a menu of values", null);
                return null;
            }
            long count = (long) Math.floor(max) - (long) Math.ceil(min) + 1;
            if (count > limits.maxMenuOptions()) {
                throw Problem.overLimit(at, "whole numbers in one decision", count, limits.maxMenuOptions());
            }
            if (count < 1) {
                input.in.fail(at, "no whole number lies in [" + Numbers.plain(min) + ", " + Numbers.plain(max) + "]", null);
                return null;
            }
            double[] values = new double[(int) count];
            for (int k = 0; k < count; k++) values[k] = Math.ceil(min) + k;
            return Decision.Menu.of(lever, values);
        }
        return new Decision.Continuous(lever, min, max);
    }

    private Objective objective(AnalysisInput input, JsonNode node) {
        if (!input.in.object(node, "/objective", "an objective", Set.of("maximize", "minimize"))) return null;
        boolean maximize = node.has("maximize");
        if (node.has("maximize") == node.has("minimize")) {
            input.in.fail("/objective", "give exactly one of 'maximize' or 'minimize'", null);
            return null;
        }
        String key = maximize ? "maximize" : "minimize";
        JsonNode target = node.get(key);
        String at = "/objective/" + key;
        Map<Quantity, Double> weights = new LinkedHashMap<>();
        if (target.isTextual()) {
            Metric m = currencyMetric(input, target, at, "an objective");
            if (m != null) weights.put(new Quantity.OfMetric(m), 1.0);
        } else if (target.isObject() && !target.isEmpty()) {
            for (var e : input.in.entries(target)) {
                String wat = JsonPointer.child(at, e.getKey());
                Metric m = currencyMetric(input, mapper.getNodeFactory().textNode(e.getKey()), wat, "an objective");
                double w = input.in.number(e.getValue(), wat);
                if (m != null && !Double.isNaN(w)) weights.put(new Quantity.OfMetric(m), w);
            }
        } else {
            input.in.fail(at, "must be a metric name or an object of metric name → weight", null);
        }
        return new Objective(maximize, new LinearForm(weights, Map.of()));
    }

    private Metric currencyMetric(AnalysisInput input, JsonNode node, String at, String where) {
        Metric m = input.metric(node, at);
        if (m != null && m.unit != Metric.Unit.CURRENCY) {
            input.in.fail(at, "'" + m.apiName + "' is a " + m.unit.name().toLowerCase() + ", not a sum of money, so it cannot be "
                    + where + "; constrain it instead (e.g. {\"metric\": \"" + m.apiName + "\", \"min\": …})", m.apiName);
            return null;
        }
        return m;
    }

    /** One constraint of the request, as one or more linear rules (a margin floor applies to every year). */
    private List<Constraint> constraint(AnalysisInput input, JsonNode node, String at, Map<String, Integer> decisions, int years) {
        if (!input.in.object(node, at, "a constraint", Set.of("name", "metric", "line", "year", "decisions", "min", "max"))) {
            return List.of();
        }
        double min = input.in.optionalNumber(node, at, "min", Double.NEGATIVE_INFINITY);
        double max = input.in.optionalNumber(node, at, "max", Double.POSITIVE_INFINITY);
        if (!node.has("min") && !node.has("max")) {
            input.in.fail(at, "a constraint needs 'min', 'max' or both", null);
            return List.of();
        }
        if (min > max) {
            input.in.fail(at + "/max", Numbers.plain(max) + " is below min " + Numbers.plain(min), max);
            return List.of();
        }
        int kinds = (node.has("metric") ? 1 : 0) + (node.has("line") ? 1 : 0) + (node.has("decisions") ? 1 : 0);
        if (kinds != 1) {
            input.in.fail(at, "a constraint is on one 'metric', one contract-year 'line' (with 'year'), or a sum of 'decisions'", null);
            return List.of();
        }
        String given = input.in.optionalText(node, at, "name", null);
        if (node.has("decisions")) {
            JsonNode terms = node.get("decisions");
            Map<Integer, Double> coefficients = new LinkedHashMap<>();
            if (!terms.isObject() || terms.isEmpty()) {
                input.in.fail(at + "/decisions", "must be an object of decision name → coefficient", null);
                return List.of();
            }
            for (var e : input.in.entries(terms)) {
                Integer d = decisions.get(e.getKey());
                String eat = JsonPointer.child(at + "/decisions", e.getKey());
                if (d == null) {
                    input.in.fail(eat, "'" + e.getKey() + "' is not one of this request's decisions", e.getKey());
                    continue;
                }
                coefficients.put(d, input.in.number(e.getValue(), eat));
            }
            List<String> parts = new ArrayList<>();
            for (var e : input.in.entries(terms)) parts.add(Numbers.plain(e.getValue().asDouble()) + " × " + e.getKey());
            String name = given != null ? given : describe(String.join(" + ", parts), min, max);
            return List.of(new Constraint(name, new LinearForm(Map.of(), coefficients), min, max));
        }
        if (node.has("line")) {
            String lineName = input.in.text(node.get("line"), at + "/line");
            Line line = null;
            for (Line l : Line.values()) if (l.apiName.equals(lineName)) line = l;
            if (line == null || line.aggregation != Line.Aggregation.SUM) {
                input.in.fail(at + "/line", "'" + lineName + "' is not a summed line of the contract-year table "
                        + "(e.g. netRevenue, contribution, cashFlow, customerValue)", lineName);
                return List.of();
            }
            int year = input.in.requiredInteger(node, at, "year", 0);
            if (year < 1 || year > years) {
                input.in.fail(at + "/year", year + " is outside contract years 1–" + years, year);
                return List.of();
            }
            String name = given != null ? given : describe(line.apiName + " in year " + year, min, max);
            return List.of(new Constraint(name, LinearForm.of(new Quantity.OfYear(line, year - 1), 1), min, max));
        }
        Metric m = input.metric(node.get("metric"), at + "/metric");
        if (m == null) return List.of();
        String name = given != null ? given : describe(m.apiName, min, max);
        Quantity nr = new Quantity.OfMetric(Metric.NET_REVENUE);
        Quantity rb = new Quantity.OfMetric(Metric.REBATE);
        return switch (m) {
            // a margin floor c: margin − c × (netRevenue − rebate) ≥ 0, linear where the ratio is not
            case GROSS_MARGIN_PCT -> ratio(name, new Quantity.OfMetric(Metric.GROSS_MARGIN), nr, rb, min, max);
            case CONTRIBUTION_MARGIN_PCT -> ratio(name, new Quantity.OfMetric(Metric.CONTRIBUTION), nr, rb, min, max);
            case MIN_YEAR_CONTRIBUTION_MARGIN_PCT -> {
                if (node.has("max")) {
                    input.in.fail(at + "/max", "a ceiling on the lowest year's margin is not a linear rule; "
                            + "constrain a year's contribution instead", null);
                    yield List.of();
                }
                List<Constraint> perYear = new ArrayList<>();
                for (int y = 0; y < years; y++) {
                    perYear.addAll(ratio(name + " (year " + (y + 1) + ")", new Quantity.OfYear(Line.CONTRIBUTION, y),
                            new Quantity.OfYear(Line.NET_REVENUE, y), new Quantity.OfYear(Line.REBATE, y), min, max));
                }
                yield perYear;
            }
            // customerNpv / concessionCost ≥ c  ⇔  customerNpv − c × concessionCost ≥ 0 (for a positive concession)
            case VALUE_LEVERAGE -> ratio(name, new Quantity.OfMetric(Metric.CUSTOMER_NPV),
                    new Quantity.OfMetric(Metric.CONCESSION_COST), null, min, max);
            case PAYBACK_PERIOD, REVENUE_CAGR -> {
                input.in.fail(at + "/metric", "'" + m.apiName + "' is not linear in the terms, so it cannot be a rule "
                        + "of the optimisation; check it on the answer, or sweep it", m.apiName);
                yield List.of();
            }
            default -> List.of(new Constraint(name, LinearForm.of(new Quantity.OfMetric(m), 1), min, max));
        };
    }

    /** numerator / (a − b) within [min, max], as numerator − c × (a − b) ≥ 0 and ≤ 0 for each finite bound. */
    private static List<Constraint> ratio(String name, Quantity numerator, Quantity a, Quantity b, double min, double max) {
        List<Constraint> out = new ArrayList<>();
        for (double bound : new double[] {min, max}) {
            if (!Double.isFinite(bound)) continue;
            LinearForm form = LinearForm.of(numerator, 1).plus(a, -bound);
            if (b != null) form = form.plus(b, bound);
            boolean floor = bound == min;
            String how = name + " [as " + numerator.label() + " − " + Numbers.plain(bound) + " × (" + a.label()
                    + (b == null ? "" : " − " + b.label()) + ") " + (floor ? "≥" : "≤") + " 0]";
            out.add(new Constraint(how, form, floor ? 0 : Double.NEGATIVE_INFINITY, floor ? Double.POSITIVE_INFINITY : 0));
        }
        return out;
    }

    private static String describe(String what, double min, double max) {
        if (Double.isInfinite(max)) return what + " ≥ " + Numbers.plain(min);
        if (Double.isInfinite(min)) return what + " ≤ " + Numbers.plain(max);
        return Numbers.plain(min) + " ≤ " + what + " ≤ " + Numbers.plain(max);
    }

    // ---------------------------------------------------------------- writing

    private ObjectNode solution(DealOptimizer.Solution s, Request request) {
        ObjectNode out = mapper.createObjectNode().put("status", status(s.status()));
        ObjectNode solver = out.putObject("solver").put("backend", s.backend()).put("mixedInteger", s.mixedInteger())
                .put("millis", s.solveMillis()).put("engineEvaluations", s.evaluations());
        AnalysisResource.number(solver, "bestBound", s.bestBound());
        AnalysisResource.number(solver, "gap", s.gap());
        if (s.decisionValues() != null) {
            ObjectNode objective = out.putObject("objective");
            AnalysisResource.number(objective, "model", s.objectiveModel());
            AnalysisResource.number(objective, "engine", s.objectiveEngine());
            decisions(out.putArray("decisions"), request, s.decisionValues());
            out.set("summary", ResultJson.summary(summaryAt(request.problem(), s.decisionValues()), mapper));
            ArrayNode rules = out.putArray("constraints");
            for (DealOptimizer.RuleResult r : s.rules()) {
                ObjectNode o = rules.addObject().put("name", r.name());
                bound(o, "min", r.min());
                bound(o, "max", r.max());
                AnalysisResource.number(o, "model", r.modelValue());
                AnalysisResource.number(o, "engine", r.engineValue());
                o.put("met", r.met());
            }
        }
        if (s.sensitivity() != null) {
            ObjectNode sens = out.putObject("sensitivity").put("fixedMenus", s.sensitivity().fixedMenus());
            ArrayNode ds = sens.putArray("decisions");
            for (DealOptimizer.DecisionRange d : s.sensitivity().decisions()) {
                ObjectNode o = ds.addObject().put("decision", d.lever());
                AnalysisResource.number(o, "value", d.value());
                AnalysisResource.number(o, "reducedCost", d.reducedCost());
                AnalysisResource.number(o, "objectiveCoefficient", d.objectiveCoefficient());
                bound(o, "allowableIncrease", d.allowableIncrease());
                bound(o, "allowableDecrease", d.allowableDecrease());
            }
            ArrayNode cs = sens.putArray("constraints");
            for (DealOptimizer.ShadowPrice p : s.sensitivity().constraints()) {
                ObjectNode o = cs.addObject().put("name", p.name());
                AnalysisResource.number(o, "bound", p.bound());
                AnalysisResource.number(o, "activity", p.activity());
                AnalysisResource.number(o, "shadowPrice", p.shadowPrice());
                bound(o, "allowableIncrease", p.allowableIncrease());
                bound(o, "allowableDecrease", p.allowableDecrease());
            }
        }
        if (!s.limits().isEmpty()) {
            ArrayNode ls = out.putArray("limits");
            for (DealOptimizer.Limit l : s.limits()) {
                ObjectNode o = ls.addObject().put("decision", l.lever());
                AnalysisResource.number(o, "value", l.value());
                AnalysisResource.number(o, "lowest", l.lowest());
                AnalysisResource.number(o, "objectiveAtLowest", l.objectiveAtLowest());
                AnalysisResource.number(o, "highest", l.highest());
                AnalysisResource.number(o, "objectiveAtHighest", l.objectiveAtHighest());
            }
        }
        relaxation(out, s);
        return out;
    }

    /** When {@code s} is infeasible: the least relaxation that would make a deal exist. */
    private static void relaxation(ObjectNode out, DealOptimizer.Solution s) {
        if (s.status() != DealOptimizer.Status.INFEASIBLE) return;
        ArrayNode rs = out.putArray("relaxation");
        for (DealOptimizer.Relaxation r : s.relaxation()) {
            ObjectNode o = rs.addObject().put("constraint", r.name());
            AnalysisResource.number(o, "bound", r.bound());
            AnalysisResource.number(o, "relaxedBound", r.relaxedBound());
            AnalysisResource.number(o, "by", r.by());
        }
    }

    private void deal(ObjectNode o, DealOptimizer.Solution s, Request request, Metric supplier, Metric customer) {
        o.put("status", status(s.status()));
        if (s.decisionValues() == null) return;
        double[] summary = summaryAt(request.problem(), s.decisionValues());
        AnalysisResource.number(o, "supplier", summary[supplier.ordinal()]);
        AnalysisResource.number(o, "customer", summary[customer.ordinal()]);
        decisions(o.putArray("decisions"), request, s.decisionValues());
    }

    private static void decisions(ArrayNode list, Request request, double[] values) {
        for (int i = 0; i < values.length; i++) {
            ObjectNode o = list.addObject().put("name", request.names().get(i));
            Decision d = request.problem().decisions().get(i);
            boolean include = d instanceof Decision.Menu m && m.settings().size() > 1;
            if (include) o.put("included", values[i] == 1);
            else AnalysisResource.number(o, "value", values[i]);
        }
    }

    /** The engine's summary with the decisions applied. */
    private static double[] summaryAt(DealProblem problem, double[] values) {
        double[] p = problem.scenario().parameters();
        for (int i = 0; i < values.length; i++) {
            Decision d = problem.decisions().get(i);
            if (d instanceof Decision.Continuous c) {
                p[c.lever().slot()] = values[i];
            } else {
                Decision.Menu m = (Decision.Menu) d;
                for (int o = 0; o < m.options().length; o++) {
                    if (m.options()[o] == values[i]) {
                        for (Decision.Setting s : m.settings()) p[s.lever().slot()] = s.values()[o];
                    }
                }
            }
        }
        double[] summary = new double[Metric.count()];
        problem.scenario().newEvaluator().evaluate(p, summary);
        return summary;
    }

    private static void bound(ObjectNode o, String field, double v) {
        if (Double.isInfinite(v)) o.putNull(field);
        else AnalysisResource.number(o, field, v);
    }

    static String status(DealOptimizer.Status s) {
        return switch (s) {
            case OPTIMAL -> "optimal";
            case FEASIBLE -> "feasible";
            case INFEASIBLE -> "infeasible";
            case UNBOUNDED -> "unbounded";
            case TIMED_OUT -> "timedOut";
        };
    }

    private Provenance provenance(CompiledScenario compiled) {
        return new Provenance(engineVersion, Provenance.MODEL_VERSION, ScenarioJson.hash(compiled.scenario(), mapper));
    }
}
