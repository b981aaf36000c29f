package io.parley.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.document.PlanJson;
import io.parley.engine.CompiledScenario;
import io.parley.model.Scenario;
import io.parley.plan.AccountPlan;
import io.parley.plan.PlanOverview;
import io.parley.plan.PlanScenario;
import io.parley.plan.PlanService;
import io.parley.plan.StoredPlan;

/**
 * {@code GET /api/v1/plans/{id}/overview}: {@link PlanOverview} as JSON, with the targets against the
 * actuals to date. {@code asOf} (default today, UTC) fixes the day "overdue" is judged on.
 */
@Path("/api/v1/plans/{id}/overview")
public class PlanOverviewResource {

    @Inject ObjectMapper mapper;
    @Inject PlanService plans;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @QueryParameters("asOf")
    public Response overview(@PathParam("id") String id, @Context UriInfo uri) {
        LocalDate asOf = LocalDate.now(ZoneOffset.UTC);
        String asked = uri.getQueryParameters().getFirst("asOf");
        if (asked != null) {
            try {
                asOf = LocalDate.parse(asked);
            } catch (DateTimeParseException e) {
                throw Requests.badParameter("asOf", "query parameter 'asOf': '" + asked + "' is not a date (YYYY-MM-DD)");
            }
        }
        StoredPlan stored = PlanPaths.plan(plans, id);
        long planId = stored.id();
        AccountPlan plan;
        try {
            plan = PlanJson.value(mapper.readTree(stored.document()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PlanOverview o = PlanOverview.of(plan, asOf);
        ObjectNode out = mapper.createObjectNode().put("planId", planId).put("revision", stored.revision())
                .put("account", stored.account()).put("status", stored.status().apiName).put("asOf", asOf.toString());
        ObjectNode review = out.putObject("nextReview");
        if (o.nextReview() == null) review.putNull("date");
        else review.put("date", o.nextReview().toString());
        review.put("overdue", o.reviewOverdue());
        if (o.reviewDaysAway() != null) review.put("daysAway", o.reviewDaysAway());
        ArrayNode map = out.putArray("stakeholderMap");
        for (PlanOverview.StakeholderCell c : o.stakeholderMap()) {
            ObjectNode cell = map.addObject().put("influence", c.influence().apiName).put("attitude", c.attitude().apiName);
            c.stakeholders().forEach(cell.putArray("stakeholders")::add);
        }
        ArrayNode opportunities = out.putArray("opportunities");
        for (AccountPlan.Opportunity op : o.opportunities()) {
            ObjectNode row = opportunities.addObject().put("name", op.name()).put("value", op.value())
                    .put("probability", op.probability()).put("weightedValue", op.weightedValue());
            if (op.score() == null) row.putNull("score");
            else row.put("score", op.score());
        }
        ObjectNode actions = out.putObject("actions");
        ObjectNode byStatus = actions.putObject("byStatus");
        o.actionsByStatus().forEach((status, count) -> byStatus.put(status.apiName, count));
        ArrayNode overdue = actions.putArray("overdue");
        for (PlanOverview.OverdueAction a : o.overdueActions()) {
            overdue.addObject().put("objective", a.objective()).put("description", a.description()).put("owner", a.owner())
                    .put("due", a.due().toString()).put("status", a.status().apiName);
        }
        ArrayNode late = out.putArray("lateMilestones");
        for (PlanOverview.LateMilestone m : o.lateMilestones()) {
            late.addObject().put("project", m.project()).put("milestone", m.milestone()).put("due", m.due().toString())
                    .put("status", m.status().apiName);
        }
        ArrayNode over = out.putArray("projectsOverBudget");
        for (PlanOverview.Overrun r : o.projectsOverBudget()) {
            over.addObject().put("project", r.project()).put("budget", r.budget()).put("spend", r.spend())
                    .put("overrun", r.overrun());
        }
        ArrayNode targets = out.putArray("targets");
        for (var t : plan.targets()) {
            ObjectNode row = targets.addObject().put("year", t.year()).put("revenue", t.revenue());
            ResultJson.number(row, "marginPct", t.marginPct());
        }
        out.set("targetsToDate", targetsToDate(planId, plan, asOf));
        return Response.ok(out, MediaType.APPLICATION_JSON).build();
    }

    /**
     * The targets against the actuals of the periods ended by asOf, placed in calendar years by the
     * agreed scenario's periods from the plan's agreement start.
     */
    private ObjectNode targetsToDate(long planId, AccountPlan plan, LocalDate asOf) {
        Optional<PlanScenario> agreed = plans.agreedScenario(planId);
        if (agreed.isEmpty()) return TargetsJson.of(mapper, plan, 1, 0, null, List.of(), asOf, TargetsJson.NO_AGREED);
        PlanPaths.Reread read = PlanPaths.reread(agreed.get(), mapper);
        // the rest of the overview stands without it; the variance read names the violations
        if (!read.valid()) return TargetsJson.of(mapper, plan, 1, 0, null, List.of(), asOf, TargetsJson.AGREED_INVALID);
        Scenario scenario = read.scenario();
        return TargetsJson.of(mapper, plan, scenario.horizon().periodsPerYear(), scenario.horizon().periods(),
                CompiledScenario.compile(scenario).report(), plans.actuals(planId), asOf, null);
    }
}
