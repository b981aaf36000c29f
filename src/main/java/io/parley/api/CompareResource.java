package io.parley.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.databind.JsonNode;

import io.parley.analysis.Overrides;
import io.parley.document.Csv;
import io.parley.document.JsonInput;
import io.parley.document.ScenarioJson;
import io.parley.engine.CompiledScenario;
import io.parley.engine.Cost;
import io.parley.model.InvalidInputException;
import io.parley.model.InvalidLeverPathException;
import io.parley.model.JsonPointer;
import io.parley.model.Lever;
import io.parley.model.Levers;
import io.parley.model.Scenario;
import io.parley.model.ScenarioValidator;
import io.parley.model.Violation;
import io.parley.ops.ParleyConfig;
import io.parley.ops.Traced;

/**
 * {@code POST /api/v1/compare}: a baseline scenario and named variants, each a full scenario or lever
 * overrides of the baseline, summarised side by side with each variant's change, like a
 * spreadsheet's scenario summary.
 */
@Path("/api/v1/compare")
@Traced
public class CompareResource {

    private static final Set<String> REQUEST_FIELDS = new LinkedHashSet<>(List.of("baseline", "variants"));
    private static final Set<String> VARIANT_FIELDS = new LinkedHashSet<>(List.of("name", "set", "scenario"));

    @Inject JsonBodies bodies;
    @Inject ParleyConfig config;
    @Inject ProvenanceSource provenances;
    @Inject ComputeQuota quota;

    /** A variant as read: its name and the scenario it stands for. */
    private record Variant(String name, Scenario scenario) {
    }

    /** The JSON answer: the baseline's figures, then each variant's and its change from the baseline. */
    private record Comparison(BaselineAnswer baseline, List<VariantAnswer> variants, Provenance provenance) {
    }

    private record BaselineAnswer(String name, String scenarioHash, Map<String, Number> summary) {
    }

    private record VariantAnswer(String name, Map<String, Number> summary, Map<String, Number> delta,
                                 String scenarioHash) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @QueryParameters("table")
    public Response compare(byte[] body, @Context UriInfo uri, @Context HttpHeaders headers) {
        Requests.oneOf(uri, "table", List.of("summary"), "summary");

        JsonNode root = bodies.parse(body);
        List<Violation> violations = new ArrayList<>();
        JsonInput in = new JsonInput(violations);
        if (!in.object(root, "", "a compare request", REQUEST_FIELDS)) {
            throw new InvalidInputException(violations);
        }
        JsonNode baselineNode = in.required(root, "", "baseline");
        Scenario baseline = baselineNode == null ? null : ScenarioJson.read(baselineNode, "/baseline", violations);
        boolean baselineValid = baseline != null && violations.stream().noneMatch(v -> v.pointer().startsWith("/baseline"));
        List<Variant> variants = readVariants(in.required(root, "", "variants"), in, baselineValid ? baseline : null);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }

        // one evaluation of the baseline and of each variant, charged together before any runs
        CompiledScenario compiledBaseline = CompiledScenario.compile(baseline);
        List<CompiledScenario> compiledVariants = variants.stream().map(v -> CompiledScenario.compile(v.scenario())).toList();
        List<Cost> costs = new ArrayList<>(List.of(Cost.of(1, compiledBaseline)));
        compiledVariants.forEach(c -> costs.add(Cost.of(1, c)));
        quota.charge(costs);
        double[] base = compiledBaseline.summary();
        String baselineHash = provenances.hash(baseline);
        Provenance provenance = provenances.of(baseline, root, "baseline");
        List<double[]> summaries = compiledVariants.stream().map(CompiledScenario::summary).toList();

        Response.ResponseBuilder response;
        if (Format.negotiate(headers, Format.JSON, Format.CSV) == Format.CSV) {
            response = Response.ok(Csv.comparison(base, variants.stream().map(Variant::name).toList(), summaries),
                    Format.CSV.contentType);
        } else {
            List<VariantAnswer> answers = new ArrayList<>();
            for (int i = 0; i < variants.size(); i++) {
                answers.add(new VariantAnswer(variants.get(i).name(), ResultJson.figures(summaries.get(i)),
                        ResultJson.figuresDelta(summaries.get(i), base), provenances.hash(variants.get(i).scenario())));
            }
            response = Response.ok(new Comparison(new BaselineAnswer(baseline.name(), baselineHash,
                    ResultJson.figures(base)), answers, provenance), MediaType.APPLICATION_JSON);
        }
        return provenance.stamp(response).build();
    }

    /** Reads every variant; lever overrides need a valid baseline to be resolved against. */
    private List<Variant> readVariants(JsonNode node, JsonInput in, Scenario baseline) {
        List<Variant> variants = new ArrayList<>();
        if (node == null) {
            return variants;
        }
        List<JsonNode> items = in.array(node, "/variants");
        int max = config.limits().maxVariants();
        if (node.isArray() && (items.isEmpty() || items.size() > max)) {
            in.fail("/variants", "has " + items.size() + " variants; a comparison takes 1–" + max, null);
            return variants;
        }
        Map<String, Integer> names = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String at = JsonPointer.child("/variants", i);
            JsonNode item = items.get(i);
            if (!in.object(item, at, "a variant", VARIANT_FIELDS)) {
                continue;
            }
            String name = in.requiredText(item, at, "name");
            if (name != null) {
                if (name.isBlank() || name.length() > ScenarioValidator.MAX_NAME_LENGTH) {
                    in.fail(at + "/name", "must be 1–200 characters, not blank", null);
                }
                Integer first = names.putIfAbsent(name, i);
                if (first != null) {
                    in.fail(at + "/name", "duplicate variant name '" + name + "' (also at /variants/" + first + ")", name);
                }
            }
            JsonNode set = in.optional(item, "set");
            JsonNode scenario = in.optional(item, "scenario");
            if ((set == null) == (scenario == null)) {
                in.fail(at, "a variant needs exactly one of 'set' (lever overrides) or 'scenario' (a full scenario)", null);
                continue;
            }
            Scenario s = scenario != null
                    ? ScenarioJson.read(scenario, at + "/scenario", in.violations())
                    : applyOverrides(set, at + "/set", in, baseline);
            if (s != null && name != null) {
                variants.add(new Variant(name, s));
            }
        }
        return variants;
    }

    /** The baseline with every override applied and the result re-checked against the model's rules. */
    static Scenario applyOverrides(JsonNode set, String at, JsonInput in, Scenario baseline) {
        if (!set.isObject() || set.isEmpty()) {
            in.fail(at, "must be a non-empty JSON object of lever path → number, e.g. {\"terms.discounts[widgets]\": 0.06}", null);
            return null;
        }
        if (baseline == null) {
            return null; // the baseline's own problems are reported; overrides cannot be resolved against it
        }
        List<Overrides.Value> values = new ArrayList<>();
        boolean ok = true;
        for (Map.Entry<String, JsonNode> e : in.entries(set)) {
            String path = e.getKey();
            String entryAt = JsonPointer.child(at, path);
            double value = in.number(e.getValue(), entryAt);
            try {
                Lever lever = Levers.resolve(path, baseline);
                if (Double.isNaN(value)) {
                    ok = false;
                    continue;
                }
                values.add(new Overrides.Value(path, lever, value));
            } catch (InvalidLeverPathException ex) {
                in.fail(entryAt, "lever path '" + path + "': " + ex.getMessage(), Double.isNaN(value) ? null : value);
                ok = false;
            }
        }
        // the one rule of every variant given as overrides (bridge 'set' too): the variant holds as a whole
        Overrides.Applied applied = Overrides.apply(baseline, values);
        for (Overrides.Breach b : applied.breaches()) {
            Violation v = b.violation();
            b.culprit().ifPresentOrElse(culprit -> in.fail(JsonPointer.child(at, culprit.path()), v.message(), v.value()),
                    () -> in.fail(at, "the overrides make " + v.pointer() + " invalid: " + v.message(), v.value()));
        }
        return ok && applied.valid() ? applied.variant() : null;
    }
}
