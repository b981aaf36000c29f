package io.parley.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.engine.CompiledScenario;
import io.parley.model.Scenario;
import io.parley.plan.PlanScenario;
import io.parley.plan.PlanService;
import io.parley.plan.StoredPlan;

/**
 * {@code GET /api/v1/plans/{id}/overview}: the one read a manager opens before a review — who matters
 * and where they stand, which opportunities to pursue, what is overdue or late or over budget, and
 * when the next review is. {@code asOf} (default today, UTC) fixes the day "overdue" is judged on.
 */
@Path("/api/v1/plans/{id}/overview")
public class PlanOverviewResource {

    private static final List<String> INFLUENCE = List.of("high", "medium", "low");
    private static final List<String> ATTITUDE = List.of("opponent", "skeptic", "neutral", "supporter");

    private final ObjectMapper mapper;
    private final PlanService plans;

    public PlanOverviewResource(ObjectMapper mapper, PlanService plans) {
        this.mapper = mapper;
        this.plans = plans;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response overview(@PathParam("id") String id, @Context UriInfo uri) {
        Requests.onlyKnownParameters(uri, Set.of("asOf"));
        LocalDate asOf = LocalDate.now(ZoneOffset.UTC);
        String asked = uri.getQueryParameters().getFirst("asOf");
        if (asked != null) {
            try {
                asOf = LocalDate.parse(asked);
            } catch (DateTimeParseException e) {
                throw Requests.badParameter("asOf", "query parameter 'asOf': '" + asked + "' is not a date (YYYY-MM-DD)");
            }
        }
        long planId = PlanPaths.planId(id);
        StoredPlan stored = plans.read(planId).orElseThrow(() -> PlanPaths.notFound("no plan " + id));
        JsonNode plan;
        try {
            plan = mapper.readTree(stored.document());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ObjectNode out = mapper.createObjectNode().put("planId", planId).put("revision", stored.revision())
                .put("account", stored.account()).put("status", stored.status().apiName).put("asOf", asOf.toString());
        out.set("nextReview", review(stored.nextReview(), asOf));
        out.set("stakeholderMap", stakeholders(plan));
        out.set("opportunities", opportunities(plan));
        out.set("actions", actions(plan, asOf));
        out.set("lateMilestones", lateMilestones(plan, asOf));
        out.set("projectsOverBudget", overBudget(plan));
        out.set("targets", targets(plan));
        out.set("targetsToDate", targetsToDate(planId, plan, asOf));
        return Response.ok(out, MediaType.APPLICATION_JSON).build();
    }

    private ObjectNode review(LocalDate next, LocalDate asOf) {
        ObjectNode o = mapper.createObjectNode();
        if (next == null) {
            o.putNull("date");
            o.put("overdue", false);
        } else {
            o.put("date", next.toString()).put("overdue", next.isBefore(asOf))
                    .put("daysAway", java.time.temporal.ChronoUnit.DAYS.between(asOf, next));
        }
        return o;
    }

    /** Stakeholders by influence (high first) and attitude (opponents first): who needs work. */
    private ArrayNode stakeholders(JsonNode plan) {
        ArrayNode cells = mapper.createArrayNode();
        for (String influence : INFLUENCE) {
            for (String attitude : ATTITUDE) {
                ArrayNode names = mapper.createArrayNode();
                for (JsonNode s : plan.path("stakeholders")) {
                    if (influence.equals(s.path("influence").asText()) && attitude.equals(s.path("attitude").asText())) {
                        names.add(s.path("name").asText());
                    }
                }
                if (!names.isEmpty()) {
                    ObjectNode cell = cells.addObject().put("influence", influence).put("attitude", attitude);
                    cell.set("stakeholders", names);
                }
            }
        }
        return cells;
    }

    /** Opportunities by attractiveness × achievability (1–25), then by weighted value. */
    private ArrayNode opportunities(JsonNode plan) {
        List<ObjectNode> list = new ArrayList<>();
        for (JsonNode o : plan.path("opportunities")) {
            int attractiveness = o.path("attractiveness").asInt(0);
            int achievability = o.path("achievability").asInt(0);
            ObjectNode row = mapper.createObjectNode().put("name", o.path("name").asText())
                    .put("value", o.path("value").asDouble()).put("probability", o.path("probability").asDouble())
                    .put("weightedValue", o.path("value").asDouble() * o.path("probability").asDouble());
            if (attractiveness > 0 && achievability > 0) row.put("score", attractiveness * achievability);
            else row.putNull("score");
            list.add(row);
        }
        list.sort(Comparator.comparingInt((ObjectNode r) -> r.path("score").asInt(0)).reversed()
                .thenComparing(Comparator.comparingDouble((ObjectNode r) -> r.path("weightedValue").asDouble()).reversed()));
        ArrayNode out = mapper.createArrayNode();
        list.forEach(out::add);
        return out;
    }

    /** Actions counted by status, and the overdue ones (due before asOf, not done), oldest first. */
    private ObjectNode actions(JsonNode plan, LocalDate asOf) {
        ObjectNode byStatus = mapper.createObjectNode();
        for (String s : List.of("open", "inProgress", "blocked", "done")) byStatus.put(s, 0);
        List<ObjectNode> overdue = new ArrayList<>();
        for (JsonNode objective : plan.path("objectives")) {
            for (JsonNode a : objective.path("actions")) {
                String status = a.path("status").asText();
                byStatus.put(status, byStatus.path(status).asInt() + 1);
                String due = a.path("due").asText(null);
                if (due != null && !"done".equals(status) && LocalDate.parse(due).isBefore(asOf)) {
                    overdue.add(mapper.createObjectNode().put("objective", objective.path("title").asText())
                            .put("description", a.path("description").asText()).put("owner", a.path("owner").asText())
                            .put("due", due).put("status", status));
                }
            }
        }
        overdue.sort(Comparator.comparing((ObjectNode o) -> o.path("due").asText()));
        ObjectNode out = mapper.createObjectNode();
        out.set("byStatus", byStatus);
        ArrayNode list = out.putArray("overdue");
        overdue.forEach(list::add);
        return out;
    }

    /** Milestones due before asOf and not done (or marked late), oldest first. */
    private ArrayNode lateMilestones(JsonNode plan, LocalDate asOf) {
        List<ObjectNode> late = new ArrayList<>();
        for (JsonNode p : plan.path("projects")) {
            for (JsonNode m : p.path("milestones")) {
                String status = m.path("status").asText();
                LocalDate due = LocalDate.parse(m.path("due").asText());
                if ("late".equals(status) || (!"done".equals(status) && due.isBefore(asOf))) {
                    late.add(mapper.createObjectNode().put("project", p.path("name").asText())
                            .put("milestone", m.path("name").asText()).put("due", due.toString()).put("status", status));
                }
            }
        }
        late.sort(Comparator.comparing((ObjectNode o) -> o.path("due").asText()));
        ArrayNode out = mapper.createArrayNode();
        late.forEach(out::add);
        return out;
    }

    /** Projects whose spend exceeds their budget, the largest overrun first. */
    private ArrayNode overBudget(JsonNode plan) {
        List<ObjectNode> over = new ArrayList<>();
        for (JsonNode p : plan.path("projects")) {
            if (p.hasNonNull("budget") && p.hasNonNull("spend") && p.path("spend").asDouble() > p.path("budget").asDouble()) {
                double budget = p.path("budget").asDouble();
                double spend = p.path("spend").asDouble();
                over.add(mapper.createObjectNode().put("project", p.path("name").asText()).put("budget", budget)
                        .put("spend", spend).put("overrun", spend - budget));
            }
        }
        over.sort(Comparator.comparingDouble((ObjectNode o) -> o.path("overrun").asDouble()).reversed());
        ArrayNode out = mapper.createArrayNode();
        over.forEach(out::add);
        return out;
    }

    /**
     * The targets against the actuals of the periods ended by asOf, placed in calendar years by the
     * agreed scenario's periods from the plan's agreement start.
     */
    private ObjectNode targetsToDate(long planId, JsonNode plan, LocalDate asOf) {
        Optional<PlanScenario> agreed = plans.agreedScenario(planId);
        if (agreed.isEmpty()) return TargetsJson.of(mapper, plan, 1, 0, null, List.of(), asOf);
        Scenario scenario = PlanPaths.scenario(agreed.get(), mapper);
        return TargetsJson.of(mapper, plan, scenario.horizon().periodsPerYear(), scenario.horizon().periods(),
                CompiledScenario.compile(scenario).report(), plans.actuals(planId), asOf);
    }

    /** The yearly targets as set; {@code targetsToDate} compares them with the actuals. */
    private ArrayNode targets(JsonNode plan) {
        ArrayNode out = mapper.createArrayNode();
        for (JsonNode t : plan.path("targets")) {
            ObjectNode row = out.addObject().put("year", t.path("year").asInt()).put("revenue", t.path("revenue").asDouble());
            if (t.hasNonNull("marginPct")) row.put("marginPct", t.path("marginPct").asDouble());
            else row.putNull("marginPct");
        }
        return out;
    }
}
