package io.parley.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.analysis.BoundLever;
import io.parley.analysis.LeverDomain;
import io.parley.document.AnalysisInput;
import io.parley.document.AnalysisReaders;
import io.parley.document.JsonInput;
import io.parley.engine.CompiledScenario;
import io.parley.engine.Line;
import io.parley.engine.Metric;
import io.parley.model.JsonPointer;
import io.parley.model.LeverPath;
import io.parley.model.Numbers;
import io.parley.ops.ParleyConfig;
import io.parley.optimize.Constraint;
import io.parley.optimize.DealOptimizer;
import io.parley.optimize.DealProblem;
import io.parley.optimize.Decision;
import io.parley.optimize.Frontier;
import io.parley.optimize.LinearForm;
import io.parley.optimize.MetricRules;
import io.parley.optimize.Objective;
import io.parley.optimize.Quantity;
import io.parley.optimize.WholeNumbers;

/**
 * Reads optimisation and frontier requests into {@link DealProblem}s, reporting every problem of a
 * request at once in the request's own words (a binder would stop at the first).
 */
final class OptimizeRequests {

    private final ObjectMapper mapper;
    private final ParleyConfig.Optimize limits;

    OptimizeRequests(ObjectMapper mapper, ParleyConfig.Optimize limits) {
        this.mapper = mapper;
        this.limits = limits;
    }

    /** An optimisation: the problem and the MIP backend to solve it with. */
    record Optimization(DealProblem problem, String backend) {
    }

    /**
     * A frontier: the problem (its time limit the whole frontier's), the backend, the two currency
     * figures traded, how many points, and the walk-away and demand (NaN when not given).
     */
    record FrontierTrace(DealProblem problem, String backend, Metric supplier, Metric customer, int points,
                         double walkAway, double demand) {
    }

    /** The parts both requests share. */
    private record Shared(DealProblem problem, String backend) {
    }

    Optimization optimization(JsonNode root) {
        AnalysisInput input = new AnalysisInput(root, "an optimisation request",
                "scenario", "decisions", "objective", "constraints", "timeLimitSeconds", "solver");
        input.leversMoveTogether();
        Shared shared = read(input, true, true);
        return new Optimization(shared.problem(), shared.backend());
    }

    FrontierTrace frontier(JsonNode root) {
        AnalysisInput input = new AnalysisInput(root, "a frontier request",
                "scenario", "decisions", "constraints", "supplier", "customer", "points", "walkAway", "demand",
                "timeLimitSeconds", "solver");
        input.leversMoveTogether();
        Shared shared = read(input, false, false);
        Metric supplier = input.metric("supplier", Metric.NPV);
        Metric customer = input.metric("customer", Metric.CUSTOMER_NPV);
        int points = input.in.optionalInteger(input.root, "", "points", 11, 11);
        Frontier.problemWithPoints(points).ifPresent(problem -> input.in.fail("/points", problem, points));
        if (points > limits.maxFrontierPoints()) {
            throw Problem.overLimit("/points", "points on one frontier", points, limits.maxFrontierPoints());
        }
        double walkAway = input.in.optionalNumber(input.root, "", "walkAway", Double.NaN);
        double demand = input.in.optionalNumber(input.root, "", "demand", Double.NaN);
        for (Metric m : new Metric[] {supplier, customer}) {
            if (m == null) continue;
            Frontier.problemWithFigure(m).ifPresent(problem -> input.in.fail(m == supplier ? "/supplier" : "/customer", problem, m.apiName));
        }
        input.done();
        return new FrontierTrace(shared.problem(), shared.backend(), supplier, customer, points, walkAway, demand);
    }

    /** Reads the shared parts; with {@code finish}, reports every problem found (else the caller does, after its own). */
    private Shared read(AnalysisInput input, boolean withObjective, boolean finish) {
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
        Set<Integer> slots = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String at = JsonPointer.child("/decisions", i);
            Decision d = decision(input, compiled, items.get(i), at);
            if (d == null) continue;
            boolean clash = false;
            for (int slot : d.slots()) clash |= !slots.add(slot);
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
        DealProblem.problemWithTimeLimit(time, limits.maxTimeLimitSeconds())
                .ifPresent(problem -> input.in.fail("/timeLimitSeconds", problem, time));
        String backend = input.in.optionalText(input.root, "", "solver", DealOptimizer.DEFAULT_MIP_BACKEND);
        if (backend != null) {
            DealOptimizer.problemWithBackend(backend).ifPresent(problem -> input.in.fail("/solver", problem, backend));
        }
        if (finish) input.done();
        return new Shared(new DealProblem(compiled, decisions, objective, constraints, time), backend);
    }

    private Decision decision(AnalysisInput input, CompiledScenario compiled, JsonNode item, String at) {
        if (!input.in.object(item, at, "a decision", Set.of("path", "min", "max", "integer", "values", "include"))) return null;
        if (item.has("include")) {
            // an empty list (a generated client's "values": []) is no menu
            if (Stream.of("path", "min", "max", "integer", "values").anyMatch(f -> JsonInput.given(item, f))) {
                input.in.fail(at, "an include decision has only 'include' (a service of the terms, e.g. \"terms.services[vmi]\")", null);
                return null;
            }
            String text = input.in.text(item.get("include"), at + "/include");
            if (text == null) return null;
            LeverPath service = LeverPath.serviceOfTerms(text).orElse(null);
            if (service == null) {
                input.in.fail(at + "/include", "'" + text + "' is not a service of the terms (terms.services[id])", text);
                return null;
            }
            String costPath = service.then("costPerYear").toString();
            int before = input.violations.size();
            BoundLever cost = input.lever(compiled, mapper.getNodeFactory().textNode(costPath), at + "/include");
            if (cost == null) {
                // say it in the request's own words: the service, not its cost field
                var v = input.violations.remove(before);
                input.in.fail(at + "/include", v.message().replace(costPath, text), text);
                return null;
            }
            BoundLever value = BoundLever.bind(compiled, service.then("valuePerYear").toString());
            return Decision.Menu.include(text, cost, value);
        }
        BoundLever lever = input.lever(compiled, input.in.required(item, at, "path"), at + "/path");
        if (lever == null) return null;
        if (JsonInput.given(item, "values")) {
            if (item.has("min") || item.has("max") || item.has("integer")) {
                input.in.fail(at, "give a menu of 'values', or 'min' and 'max', not both", null);
                return null;
            }
            double[] values = AnalysisReaders.values(input, item.get("values"), at + "/values", limits.maxMenuOptions(),
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
        Optional<String> problem = Constraint.problemWithRange(min, max);   // both are numbers here: allowed() said so
        if (problem.isPresent()) {
            input.in.fail(at + "/max", problem.get(), max);
            return null;
        }
        if (!integer) {
            problem = Decision.problemWithContinuous(lever);
            problem.ifPresent(p -> input.in.fail(at, p, null));
            return problem.isEmpty() ? new Decision.Continuous(lever, min, max) : null;
        }
        long count = WholeNumbers.countIn(min, max);
        if (count > limits.maxMenuOptions()) {
            throw Problem.overLimit(at, "whole numbers in one decision", count, limits.maxMenuOptions());
        }
        problem = WholeNumbers.problemWith(min, max);
        problem.ifPresent(p -> input.in.fail(at, p, null));
        return problem.isEmpty() ? Decision.Menu.of(lever, WholeNumbers.in(min, max)) : null;
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
            Metric m = currencyMetric(input, target, at);
            if (m != null) weights.put(new Quantity.OfMetric(m), 1.0);
        } else if (target.isObject() && !target.isEmpty()) {
            for (var e : input.in.entries(target)) {
                String wat = JsonPointer.child(at, e.getKey());
                Metric m = currencyMetric(input, mapper.getNodeFactory().textNode(e.getKey()), wat);
                double w = input.in.number(e.getValue(), wat);
                if (m != null && !Double.isNaN(w)) weights.put(new Quantity.OfMetric(m), w);
            }
        } else {
            input.in.fail(at, "must be a metric name or an object of metric name → weight", null);
        }
        return new Objective(maximize, new LinearForm(weights, Map.of()));
    }

    private Metric currencyMetric(AnalysisInput input, JsonNode node, String at) {
        Metric m = input.metric(node, at);
        Optional<String> problem = m == null ? Optional.empty() : Objective.problemWithMetric(m);
        problem.ifPresent(p -> input.in.fail(at, p, m.apiName));
        return problem.isEmpty() ? m : null;
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
        Optional<String> range = Constraint.problemWithRange(min, max);
        if (range.isPresent()) {
            input.in.fail(at + "/max", range.get(), max);
            return List.of();
        }
        int kinds = (node.has("metric") ? 1 : 0) + (node.has("line") ? 1 : 0) + (JsonInput.given(node, "decisions") ? 1 : 0);
        if (kinds != 1) {
            input.in.fail(at, "a constraint is on one 'metric', one contract-year 'line' (with 'year'), or a sum of 'decisions'", null);
            return List.of();
        }
        String given = input.in.optionalText(node, at, "name", null);
        if (JsonInput.given(node, "decisions")) {
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
            String name = given != null ? given : Constraint.nameFor(String.join(" + ", parts), min, max);
            return List.of(new Constraint(name, new LinearForm(Map.of(), coefficients), min, max));
        }
        if (node.has("line")) {
            String lineName = input.in.text(node.get("line"), at + "/line");
            Line line = MetricRules.summedLine(lineName).orElse(null);
            if (line == null) {
                input.in.fail(at + "/line", "'" + lineName + "' is not a summed line of the contract-year table "
                        + "(e.g. netRevenue, contribution, cashFlow, customerValue)", lineName);
                return List.of();
            }
            int year = input.in.requiredInteger(node, at, "year", 0);
            Optional<String> outside = MetricRules.problemWithYear(year, years);
            if (outside.isPresent()) {
                input.in.fail(at + "/year", outside.get(), year);
                return List.of();
            }
            String name = given != null ? given : Constraint.nameFor(line.apiName + " in year " + year, min, max);
            return List.of(new Constraint(name, LinearForm.of(new Quantity.OfYear(line, year - 1), 1), min, max));
        }
        Metric m = input.metric(node.get("metric"), at + "/metric");
        if (m == null) return List.of();
        String name = given != null ? given : Constraint.nameFor(m.apiName, min, max);
        Optional<String> nonLinear = MetricRules.problemWithMetric(m);
        if (nonLinear.isPresent()) {
            input.in.fail(at + "/metric", nonLinear.get(), m.apiName);
            return List.of();
        }
        Optional<String> ceiling = node.has("max") ? MetricRules.problemWithCeiling(m) : Optional.empty();
        if (ceiling.isPresent()) {
            input.in.fail(at + "/max", ceiling.get(), null);
            return List.of();
        }
        return MetricRules.bound(name, m, min, max, years);
    }
}
