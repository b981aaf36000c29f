package io.parley.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.document.PlanJson;
import io.parley.plan.IdempotencyKey;
import io.parley.plan.KeptAnswer;
import io.parley.plan.PlanChange;
import io.parley.plan.PlanPage;
import io.parley.plan.PlanQuery;
import io.parley.plan.PlanRules;
import io.parley.plan.PlanService;
import io.parley.plan.PlanStatus;
import io.parley.plan.Revision;
import io.parley.plan.StaleRevisionException;
import io.parley.plan.StoredPlan;

/**
 * {@code /api/v1/plans}: account plans with every change kept as a revision. Reads carry an ETag
 * (the revision); changes must send it back in If-Match, so two managers editing at once never
 * overwrite each other silently: 428 without it, 412 (with the current revision) when it is stale.
 */
@Path("/api/v1/plans")
@Produces(MediaType.APPLICATION_JSON)
public class PlansResource {

    @Inject JsonBodies bodies;
    @Inject ObjectMapper mapper;
    @Inject PlanService plans;
    @Inject Callers callers;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(byte[] body, @Context UriInfo uri, @Context HttpHeaders headers) {
        Optional<IdempotencyKey> key = PlanPaths.idempotencyKey(headers, uri, body);
        PlanChange change = PlanJson.change(bodies.parse(body), callers.name());
        Function<StoredPlan, KeptAnswer> created = stored -> new KeptAnswer(201, "/api/v1/plans/" + stored.id(),
                PlanPaths.tag(stored.revision()).toString(), view(stored).toString());
        return PlanPaths.answer(key, k -> plans.create(change, k, created), () -> plans.create(change), created);
    }

    @GET
    @Path("/{id}")
    public Response read(@PathParam("id") String id) {
        StoredPlan stored = plans.read(id(id)).orElseThrow(() -> notFound(id));
        return Response.ok(view(stored), MediaType.APPLICATION_JSON).tag(PlanPaths.tag(stored.revision())).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("id") String id, byte[] body, @Context HttpHeaders headers) {
        long planId = id(id);
        int basedOn = PlanPaths.ifMatch(headers, planId, plans);
        PlanChange change = PlanJson.change(bodies.parse(body), callers.name());
        return saved(planId, () -> plans.update(planId, basedOn, change));
    }

    /**
     * Archives the plan (a revision like any other change), keeping it readable with all its history.
     * A plan archived already is answered as it is: same revision, same ETag, no revision written.
     */
    @POST
    @Path("/{id}/archive")
    @QueryParameters({"author", "message"})
    public Response archive(@PathParam("id") String id, @Context UriInfo uri, @Context HttpHeaders headers) {
        long planId = id(id);
        int basedOn = PlanPaths.ifMatch(headers, planId, plans);
        // 'author' is checked as before and ignored, as in a change's body: the revision records the caller
        String claimed = uri.getQueryParameters().getFirst("author");
        if (claimed != null && PlanRules.problemWithText(claimed, PlanRules.MAX_TEXT).isPresent()) {
            throw Requests.badParameter("author", "query parameter 'author', when sent, must be 1–"
                    + PlanRules.MAX_TEXT + " characters; it is ignored: the revision records the caller");
        }
        String author = callers.name();
        String message = uri.getQueryParameters().getFirst("message");
        if (message != null && PlanRules.problemWithMessage(message).isPresent()) {
            throw Requests.badParameter("message", "query parameter 'message' is longer than " + PlanRules.MAX_MESSAGE + " characters");
        }
        return saved(planId, () -> plans.archive(planId, basedOn, author, message, document -> {
            ObjectNode archived = json(document);
            archived.put("status", PlanStatus.ARCHIVED.apiName);
            return archived.toString();
        }));
    }

    @GET
    @QueryParameters({"account", "owner", "search", "status", "nextReviewBefore", "sort", "page", "size"})
    public Response list(@Context UriInfo uri) {
        var q = uri.getQueryParameters();
        String search = q.getFirst("search");
        if (search != null && search.isBlank()) {
            throw Requests.badParameter("search", "query parameter 'search' is empty; give part of an account's name, or leave it out");
        }
        PlanStatus status = q.getFirst("status") == null ? null
                : PlanStatus.byName(Requests.oneOf(uri, "status", PlanRules.STATUSES, null)).orElseThrow();
        LocalDate before = q.getFirst("nextReviewBefore") == null ? null : date("nextReviewBefore", q.getFirst("nextReviewBefore"));
        String sort = Requests.oneOf(uri, "sort", PlanQuery.Sort.names(), "-updatedAt");
        boolean descending = sort.startsWith("-");
        int page = q.getFirst("page") == null ? 0 : Requests.integer("page", q.getFirst("page"), 0, Integer.MAX_VALUE);
        int size = q.getFirst("size") == null ? PlanQuery.DEFAULT_PAGE_SIZE
                : Requests.integer("size", q.getFirst("size"), 1, PlanQuery.MAX_PAGE_SIZE);
        PlanPage found = plans.list(new PlanQuery(
                new PlanQuery.Filter(q.getFirst("account"), q.getFirst("owner"), status, before, search),
                PlanQuery.Sort.byName(descending ? sort.substring(1) : sort).orElseThrow(), descending, page, size));
        ObjectNode head = mapper.createObjectNode().put("page", page).put("size", size).put("total", found.total());
        return PlanPaths.list(head, "items", found.items(), this::summary);
    }

    @GET
    @Path("/{id}/revisions")
    public Response revisions(@PathParam("id") String id) {
        return PlanPaths.listOf(plans, mapper, id, "revisions", plans::revisions, this::revisionHead);
    }

    @GET
    @Path("/{id}/revisions/{number}")
    public Response revision(@PathParam("id") String id, @PathParam("number") String number) {
        long planId = id(id);
        long n = PlanPaths.id("number", number, "a revision number");
        // revisions are counted in an int: a larger number is well-formed but names none
        Optional<Revision> found = n > Integer.MAX_VALUE ? Optional.empty() : plans.revision(planId, (int) n);
        Revision r = found.orElseThrow(() -> new ProblemException(
                Problem.of(Problem.Kind.NOT_FOUND, "plan " + id + " has no revision " + number)));
        ObjectNode out = revisionHead(r).put("planId", planId);
        out.set("plan", json(r.document()));
        return Response.ok(out, MediaType.APPLICATION_JSON).build();
    }

    // ---------------------------------------------------------------- shared

    /** The plan as a change left it, with its ETag. */
    private Response saved(long planId, Supplier<Optional<StoredPlan>> change) {
        try {
            StoredPlan stored = change.get().orElseThrow(() -> notFound(Long.toString(planId)));
            return Response.ok(view(stored), MediaType.APPLICATION_JSON).tag(PlanPaths.tag(stored.revision())).build();
        } catch (StaleRevisionException e) {
            throw PlanPaths.stale(e.conflict().expected(), e.conflict().current());
        }
    }

    private static LocalDate date(String parameter, String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw Requests.badParameter(parameter, "query parameter '" + parameter + "': '" + value + "' is not a date (YYYY-MM-DD)");
        }
    }

    private static long id(String id) {
        return PlanPaths.planId(id);
    }

    private static ProblemException notFound(String id) {
        return PlanPaths.notFound("no plan " + id);
    }

    private ObjectNode view(StoredPlan p) {
        ObjectNode out = summary(p);
        out.set("plan", json(p.document()));
        return out;
    }

    private ObjectNode summary(StoredPlan p) {
        ObjectNode o = mapper.createObjectNode().put("id", p.id()).put("revision", p.revision())
                .put("account", p.account()).put("owner", p.owner()).put("status", p.status().apiName);
        if (p.nextReview() == null) o.putNull("nextReview");
        else o.put("nextReview", p.nextReview().toString());
        o.put("createdAt", p.createdAt().toString()).put("updatedAt", p.updatedAt().toString());
        return o;
    }

    private ObjectNode revisionHead(Revision r) {
        ObjectNode o = mapper.createObjectNode().put("revision", r.number()).put("author", r.author())
                .put("createdAt", r.createdAt().toString());
        if (r.message() == null) o.putNull("message");
        else o.put("message", r.message());
        return o;
    }

    private ObjectNode json(String document) {
        try {
            return (ObjectNode) mapper.readTree(document);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored plan document does not parse", e);
        }
    }
}
