package io.parley.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.document.JsonInput;
import io.parley.document.ScenarioJson;
import io.parley.engine.CompiledScenario;
import io.parley.engine.Cost;
import io.parley.engine.Metric;
import io.parley.model.InvalidInputException;
import io.parley.model.Scenario;
import io.parley.model.SheetNumbers;
import io.parley.model.Violation;
import io.parley.plan.IdempotencyKey;
import io.parley.plan.KeptAnswer;
import io.parley.plan.PlanRules;
import io.parley.plan.PlanScenario;
import io.parley.plan.PlanService;

/**
 * {@code /api/v1/plans/{id}/scenarios}: the negotiation scenarios kept with a plan, one of them the
 * agreed one; evaluating a stored scenario with lever overrides; and one metric as plain text, so a
 * spreadsheet's {@code WEBSERVICE()} cell can read it.
 */
@Path("/api/v1/plans/{id}/scenarios")
@Produces(MediaType.APPLICATION_JSON)
public class PlanScenariosResource {

    @Inject JsonBodies bodies;
    @Inject ObjectMapper mapper;
    @Inject PlanService plans;
    @Inject ProvenanceSource provenances;
    @Inject ComputeQuota quota;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(@PathParam("id") String id, byte[] body, @Context UriInfo uri, @Context HttpHeaders headers) {
        long planId = PlanPaths.planId(id);
        Optional<IdempotencyKey> key = PlanPaths.idempotencyKey(headers, uri, body);
        List<Violation> violations = new ArrayList<>();
        JsonInput in = new JsonInput(violations);
        JsonNode root = bodies.parse(body);
        if (!in.object(root, "", "a stored scenario", new LinkedHashSet<>(List.of("name", "agreed", "scenario")))) {
            throw new InvalidInputException(violations);
        }
        String name = in.requiredText(root, "", "name");
        if (name != null) PlanRules.problemWithText(name, PlanRules.MAX_TEXT).ifPresent(p -> in.fail("/name", p, null));
        JsonNode agreedNode = in.optional(root, "agreed");
        if (agreedNode != null && !agreedNode.isBoolean()) in.fail("/agreed", "must be true or false", null);
        JsonNode scenarioNode = in.required(root, "", "scenario");
        Scenario scenario = scenarioNode == null ? null : ScenarioJson.read(scenarioNode, "/scenario", violations);
        if (!violations.isEmpty()) throw new InvalidInputException(violations);
        String document = ScenarioJson.write(scenario, mapper).toString();
        boolean agreed = agreedNode != null && agreedNode.asBoolean();
        Function<Optional<PlanScenario>, KeptAnswer> created = added -> {
            PlanScenario stored = added.orElseThrow(() -> PlanPaths.notFound("no plan " + id));
            return new KeptAnswer(201, "/api/v1/plans/" + planId + "/scenarios/" + stored.id(), null, full(stored).toString());
        };
        return PlanPaths.answer(key, k -> plans.addScenario(planId, name, agreed, document, k, created),
                () -> plans.addScenario(planId, name, agreed, document), created);
    }

    @GET
    public Response list(@PathParam("id") String id) {
        return PlanPaths.listOf(plans, mapper, id, "scenarios", plans::scenarios, this::head);
    }

    @GET
    @Path("/{sid}")
    public Response read(@PathParam("id") String id, @PathParam("sid") String sid) {
        return Response.ok(full(stored(id, sid)), MediaType.APPLICATION_JSON).build();
    }

    /** Marks this scenario as the agreed one; no other scenario of the plan stays agreed. */
    @POST
    @Path("/{sid}/agree")
    public Response agree(@PathParam("id") String id, @PathParam("sid") String sid) {
        PlanScenario chosen = stored(id, sid);
        // one that no longer satisfies the model cannot become the one actuals are compared with (409)
        PlanPaths.scenario(chosen, mapper);
        PlanScenario s = plans.agree(chosen.planId(), chosen.id())
                .orElseThrow(() -> noScenario(id, sid));
        return Response.ok(full(s), MediaType.APPLICATION_JSON).build();
    }

    /** Every figure of the stored scenario, with the lever overrides in {@code set} applied. */
    @POST
    @Path("/{sid}/evaluate")
    @Consumes(MediaType.APPLICATION_JSON)
    @QueryParameters("detail")
    public Response evaluate(@PathParam("id") String id, @PathParam("sid") String sid, byte[] body, @Context UriInfo uri) {
        boolean periods = "periods".equals(Requests.oneOf(uri, "detail", List.of("periods"), null));
        Scenario base = PlanPaths.scenario(stored(id, sid), mapper);
        List<Violation> violations = new ArrayList<>();
        JsonInput in = new JsonInput(violations);
        JsonNode root = bodies.parse(body);
        if (!in.object(root, "", "an evaluation of a stored scenario", new LinkedHashSet<>(List.of("set")))) {
            throw new InvalidInputException(violations);
        }
        JsonNode set = in.optional(root, "set");
        Scenario scenario = set == null || (set.isObject() && set.isEmpty()) ? base
                : CompareResource.applyOverrides(set, "/set", in, base);
        if (!violations.isEmpty() || scenario == null) throw new InvalidInputException(violations);
        Provenance provenance = provenances.of(scenario);
        ObjectNode out = ResultJson.evaluation(scenario, charged(CompiledScenario.compile(scenario)).report(), periods, provenance, mapper);
        return provenance.stamp(Response.ok(out, MediaType.APPLICATION_JSON)).build();
    }

    /**
     * One summary metric as plain text, for a spreadsheet cell: {@code ?set=<lever path>:<value>} (repeatable)
     * overrides levers, {@code ?locale=de-DE} reads and writes numbers as that locale does. A null metric is
     * an empty body. Any Accept is answered (generated clients send their JSON types).
     */
    @GET
    @Path("/{sid}/metrics/{metric}")
    @Produces(MediaType.WILDCARD)
    @QueryParameters({"set", "locale"})
    public Response metric(@PathParam("id") String id, @PathParam("sid") String sid, @PathParam("metric") String name,
                           @Context UriInfo uri, @Context HttpHeaders headers) {
        Format.negotiate(headers, Format.TEXT);
        SheetNumbers numbers = Requests.sheetNumbers(uri);
        Scenario base = PlanPaths.scenario(stored(id, sid), mapper);
        Metric metric = Metric.byName(name).orElseThrow(() -> new ProblemException(Problem.of(Problem.Kind.NOT_FOUND,
                "no metric '" + name + "'; GET /api/v1/metrics lists them")));
        ObjectNode set = mapper.createObjectNode();
        for (String o : uri.getQueryParameters().getOrDefault("set", List.of())) {
            try {
                SheetNumbers.Override override = numbers.override(o);
                set.put(override.path(), override.value());
            } catch (SheetNumbers.AmbiguousNumberException e) {
                throw new InvalidInputException(List.of(new Violation("?set", "query parameter 'set': " + e.getMessage(), o)));
            } catch (IllegalArgumentException e) {
                throw Requests.badParameter("set", "query parameter 'set': " + e.getMessage());
            }
        }
        List<Violation> violations = new ArrayList<>();
        Scenario scenario = set.isEmpty() ? base : CompareResource.applyOverrides(set, "?set", new JsonInput(violations), base);
        if (!violations.isEmpty() || scenario == null) throw new InvalidInputException(violations);
        double value = charged(CompiledScenario.compile(scenario)).summary()[metric.ordinal()];
        String text = Double.isNaN(value) ? "" : metric.unit == Metric.Unit.PERIOD ? Long.toString((long) value) : numbers.format(value);
        Provenance provenance = provenances.of(scenario);
        return provenance.stamp(Response.ok(text, Format.TEXT.contentType)).build();
    }

    private ObjectNode named(PlanScenario s) {
        return mapper.createObjectNode().put("id", s.id()).put("planId", s.planId()).put("name", s.name())
                .put("agreed", s.agreed()).put("createdAt", s.createdAt().toString());
    }

    private PlanScenario stored(String id, String sid) {
        long planId = PlanPaths.planId(id);
        long scenarioId = PlanPaths.scenarioId(sid);
        return plans.scenario(planId, scenarioId).orElseThrow(() -> noScenario(id, sid));
    }

    private static ProblemException noScenario(String id, String sid) {
        return PlanPaths.notFound("no scenario " + sid + " in plan " + id);
    }

    /**
     * A stored scenario without its document, as the list shows it: one that no longer satisfies the
     * model is listed too, marked not valid with the rules it breaks, and has no hash.
     */
    private ObjectNode head(PlanScenario s) {
        PlanPaths.Reread read = PlanPaths.reread(s, mapper);
        ObjectNode o = named(s).put("valid", read.valid());
        if (read.valid()) {
            o.put("scenarioHash", ScenarioJson.hash(read.scenario(), mapper));
        } else {
            o.set("violations", mapper.valueToTree(read.violations().stream().map(Problem.FieldError::of).toList()));
        }
        return o;
    }

    /** A stored scenario whole; a 409 when it no longer satisfies the model. */
    private ObjectNode full(PlanScenario s) {
        Scenario scenario = PlanPaths.scenario(s, mapper);
        ObjectNode o = named(s).put("valid", true).put("scenarioHash", ScenarioJson.hash(scenario, mapper));
        try {
            o.set("scenario", mapper.readTree(s.document()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return o;
    }


    /** One evaluation of {@code compiled}, charged to the caller's budget before it runs. */
    private CompiledScenario charged(CompiledScenario compiled) {
        quota.charge(Cost.of(1, compiled));
        return compiled;
    }
}
