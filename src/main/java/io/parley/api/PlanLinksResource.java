package io.parley.api;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.document.JsonInput;
import io.parley.identity.LinkScope;
import io.parley.identity.SpreadsheetLink;
import io.parley.identity.SpreadsheetLinks;
import io.parley.model.InvalidInputException;
import io.parley.model.Violation;
import io.parley.plan.PlanService;

/**
 * {@code /api/v1/plans/{id}/links}: read-only spreadsheet links of one plan, created, listed and
 * revoked by those who may change the plan (Authentication: managers and administrators; PlanEditing:
 * a manager the plan names). A listing never holds a token: only its hash is stored.
 */
@Path("/api/v1/plans/{id}/links")
public class PlanLinksResource {

    @Inject JsonBodies bodies;
    @Inject ObjectMapper mapper;
    @Inject PlanService plans;
    @Inject SpreadsheetLinks links;
    @Inject Callers callers;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(@PathParam("id") String id, byte[] body) {
        long planId = PlanPaths.plan(plans, id).id();
        JsonNode root = body == null || body.length == 0 ? mapper.createObjectNode() : bodies.parse(body);
        List<Violation> violations = new ArrayList<>();
        JsonInput in = new JsonInput(violations);
        OptionalLong scenario = OptionalLong.empty();
        Optional<Instant> expiresAt = Optional.empty();
        if (in.object(root, "", "a link", new LinkedHashSet<>(List.of("scenario", "expiresAt")))) {
            JsonNode s = root.get("scenario");
            if (s != null && !s.isNull()) {
                if (s.canConvertToLong() && s.isIntegralNumber() && s.asLong() > 0) scenario = OptionalLong.of(s.asLong());
                else in.fail("/scenario", "must be the id of one of the plan's scenarios (a positive integer)", s.toString());
            }
            expiresAt = in.optionalInstant(root, "", "expiresAt");
        }
        if (!violations.isEmpty()) throw new InvalidInputException(violations);
        if (scenario.isPresent() && plans.scenario(planId, scenario.getAsLong()).isEmpty()) {
            throw PlanPaths.notFound("plan " + planId + " has no scenario " + scenario.getAsLong());
        }
        SpreadsheetLinks.Issued issued = links.create(callers.caller(), new LinkScope(planId, scenario), expiresAt);
        ObjectNode view = view(issued.link()).put("secret", issued.secret());
        return Response.created(URI.create("/api/v1/plans/" + planId + "/links/" + issued.link().id()))
                .entity(view.toString()).type(MediaType.APPLICATION_JSON).build();
    }

    /** Every link of the plan, oldest first, revoked and expired ones included, without tokens. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@PathParam("id") String id) {
        long planId = PlanPaths.id("id", id, "a plan id");
        plans.read(planId).orElseThrow(() -> PlanPaths.notFound("no plan " + id));
        ObjectNode out = mapper.createObjectNode().put("planId", planId);
        ArrayNode items = out.putArray("items");
        links.list(callers.caller(), planId).forEach(l -> items.add(view(l)));
        return Response.ok(out.toString(), MediaType.APPLICATION_JSON).build();
    }

    /** Revokes the link: refused from the next request on. Revoking a revoked link answers it as it is. */
    @DELETE
    @Path("/{linkId}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response revoke(@PathParam("id") String id, @PathParam("linkId") String linkId) {
        long planId = PlanPaths.id("id", id, "a plan id");
        SpreadsheetLink revoked = links.revoke(callers.caller(), planId, PlanPaths.id("linkId", linkId, "a link id"))
                .orElseThrow(() -> PlanPaths.notFound("plan " + id + " has no link " + linkId));
        return Response.ok(view(revoked).toString(), MediaType.APPLICATION_JSON).build();
    }

    private ObjectNode view(SpreadsheetLink l) {
        ObjectNode o = mapper.createObjectNode().put("id", l.id()).put("plan", l.scope().planId());
        l.scope().scenarioId().ifPresent(s -> o.put("scenario", s));
        o.put("createdAt", l.createdAt().toString()).put("createdBy", l.createdBy());
        l.expiresAt().ifPresent(t -> o.put("expiresAt", t.toString()));
        l.revokedAt().ifPresent(t -> o.put("revokedAt", t.toString()));
        return o;
    }
}
