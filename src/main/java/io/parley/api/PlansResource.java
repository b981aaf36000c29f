package io.parley.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.model.InvalidInputException;
import io.parley.model.Violation;
import io.parley.plan.PlanChange;
import io.parley.plan.PlanService;
import io.parley.plan.PlanStatus;
import io.parley.plan.Revision;
import io.parley.plan.StaleRevisionException;
import io.parley.plan.StoredPlan;
import io.parley.store.PlanStore;

/**
 * {@code /api/v1/plans}: account plans with every change kept as a revision. Reads carry an ETag
 * (the revision); changes must send it back in If-Match, so two managers editing at once never
 * overwrite each other silently: 428 without it, 412 (with the current revision) when it is stale.
 */
@Path("/api/v1/plans")
public class PlansResource {

    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 200;
    private static final List<String> SORTS = List.of("account", "owner", "status", "nextReview", "updatedAt");

    private final JsonBodies bodies;
    private final ObjectMapper mapper;
    private final PlanService plans;

    public PlansResource(JsonBodies bodies, ObjectMapper mapper, PlanService plans) {
        this.bodies = bodies;
        this.mapper = mapper;
        this.plans = plans;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(byte[] body, @Context UriInfo uri) {
        Requests.onlyKnownParameters(uri, Set.of());
        PlanChange change = change(bodies.parse(body));
        StoredPlan stored = io.parley.plan.Deadlocks.retry(() -> plans.create(change));
        return Response.created(URI.create("/api/v1/plans/" + stored.id())).tag(tag(stored.revision()))
                .entity(view(stored)).type(MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response read(@PathParam("id") String id, @Context UriInfo uri) {
        Requests.onlyKnownParameters(uri, Set.of());
        StoredPlan stored = plans.read(id(id)).orElseThrow(() -> notFound(id));
        return Response.ok(view(stored), MediaType.APPLICATION_JSON).tag(tag(stored.revision())).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("id") String id, byte[] body, @Context UriInfo uri, @Context HttpHeaders headers) {
        Requests.onlyKnownParameters(uri, Set.of());
        long planId = id(id);
        int basedOn = ifMatch(headers, planId);
        PlanChange change = change(bodies.parse(body));
        return saved(planId, () -> plans.update(planId, basedOn, change));
    }

    /**
     * Archives the plan (a revision like any other change), keeping it readable with all its history.
     * A plan archived already is answered as it is: same revision, same ETag, no revision written.
     */
    @POST
    @Path("/{id}/archive")
    @Produces(MediaType.APPLICATION_JSON)
    public Response archive(@PathParam("id") String id, @Context UriInfo uri, @Context HttpHeaders headers) {
        Requests.onlyKnownParameters(uri, Set.of("author", "message"));
        long planId = id(id);
        int basedOn = ifMatch(headers, planId);
        String author = uri.getQueryParameters().getFirst("author");
        if (author == null || author.isBlank() || author.length() > PlanJson.MAX_TEXT) {
            throw Requests.badParameter("author", "query parameter 'author' names who archives the plan, in 1–"
                    + PlanJson.MAX_TEXT + " characters");
        }
        String message = uri.getQueryParameters().getFirst("message");
        if (message != null && message.length() > 1000) {
            throw Requests.badParameter("message", "query parameter 'message' is longer than 1000 characters");
        }
        return saved(planId, () -> plans.archive(planId, basedOn, author, message, document -> {
            ObjectNode archived = json(document);
            archived.put("status", PlanStatus.ARCHIVED.apiName);
            return archived.toString();
        }));
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list(@Context UriInfo uri) {
        Requests.onlyKnownParameters(uri, Set.of("account", "owner", "search", "status", "nextReviewBefore", "sort", "page",
                "size"));
        var q = uri.getQueryParameters();
        String search = q.getFirst("search");
        if (search != null && search.isBlank()) {
            throw Requests.badParameter("search", "query parameter 'search' is empty; give part of an account's name, or leave it out");
        }
        String status = q.getFirst("status");
        if (status != null) Requests.oneOf(uri, "status", List.of(PlanJson.statusNames()), null);
        LocalDate before = null;
        if (q.getFirst("nextReviewBefore") != null) {
            try {
                before = LocalDate.parse(q.getFirst("nextReviewBefore"));
            } catch (DateTimeParseException e) {
                throw Requests.badParameter("nextReviewBefore", "query parameter 'nextReviewBefore': '"
                        + q.getFirst("nextReviewBefore") + "' is not a date (YYYY-MM-DD)");
            }
        }
        List<String> sorts = new ArrayList<>();
        for (String s : SORTS) {
            sorts.add(s);
            sorts.add("-" + s);
        }
        String sort = Requests.oneOf(uri, "sort", sorts, "-updatedAt");
        int page = q.getFirst("page") == null ? 0 : Requests.integer("page", q.getFirst("page"), 0, Integer.MAX_VALUE);
        int size = q.getFirst("size") == null ? DEFAULT_PAGE_SIZE : Requests.integer("size", q.getFirst("size"), 1, MAX_PAGE_SIZE);
        boolean descending = sort.startsWith("-");
        PlanService.Page found = plans.list(new PlanStore.Filter(q.getFirst("account"), q.getFirst("owner"), status, before,
                        search),
                descending ? sort.substring(1) : sort, descending, page, size);
        ObjectNode out = mapper.createObjectNode().put("page", page).put("size", size).put("total", found.total());
        ArrayNode items = out.putArray("items");
        for (StoredPlan p : found.items()) items.add(summary(p));
        return Response.ok(out, MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/{id}/revisions")
    @Produces(MediaType.APPLICATION_JSON)
    public Response revisions(@PathParam("id") String id, @Context UriInfo uri) {
        Requests.onlyKnownParameters(uri, Set.of());
        long planId = id(id);
        plans.read(planId).orElseThrow(() -> notFound(id));
        ObjectNode out = mapper.createObjectNode().put("planId", planId);
        ArrayNode list = out.putArray("revisions");
        for (Revision r : plans.revisions(planId)) list.add(revisionHead(r));
        return Response.ok(out, MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/{id}/revisions/{number}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response revision(@PathParam("id") String id, @PathParam("number") String number, @Context UriInfo uri) {
        Requests.onlyKnownParameters(uri, Set.of());
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

    /** The plan as a change left it (one transaction, run again if it was a deadlock's victim), with its ETag. */
    private Response saved(long planId, Supplier<Optional<StoredPlan>> change) {
        try {
            StoredPlan stored = io.parley.plan.Deadlocks.retry(change).orElseThrow(() -> notFound(Long.toString(planId)));
            return Response.ok(view(stored), MediaType.APPLICATION_JSON).tag(tag(stored.revision())).build();
        } catch (StaleRevisionException e) {
            throw stale(e.expected(), e.current());
        }
    }

    private PlanChange change(JsonNode root) {
        List<Violation> violations = new ArrayList<>();
        JsonInput in = new JsonInput(violations);
        if (!in.object(root, "", "a plan change", new java.util.LinkedHashSet<>(List.of("author", "message", "plan")))) {
            throw new InvalidInputException(violations);
        }
        String author = in.requiredText(root, "", "author");
        if (author != null && (author.isBlank() || author.length() > PlanJson.MAX_TEXT)) {
            in.fail("/author", "must be 1–" + PlanJson.MAX_TEXT + " characters, not blank", null);
        }
        String message = in.optionalText(root, "", "message", null);
        if (message != null && message.length() > 1000) in.fail("/message", "is longer than 1000 characters", null);
        JsonNode planNode = in.required(root, "", "plan");
        ObjectNode plan = planNode == null ? null : PlanJson.read(planNode, "/plan", in);
        if (!violations.isEmpty()) throw new InvalidInputException(violations);
        return new PlanChange(plan.get("account").get("name").asText(), plan.get("owner").asText(),
                PlanStatus.byName(plan.get("status").asText()).orElseThrow(), PlanJson.nextReview(plan),
                plan.toString(), author, message);
    }

    /** The revision an update is based on, from If-Match: required (428), and a revision of ours. */
    private int ifMatch(HttpHeaders headers, long planId) {
        String header = headers.getHeaderString(HttpHeaders.IF_MATCH);
        if (header == null || header.isBlank()) {
            throw new ProblemException(new Problem(Problem.Kind.PRECONDITION_REQUIRED.type(),
                    Problem.Kind.PRECONDITION_REQUIRED.title, 428,
                    "send If-Match with the ETag of the revision you changed (GET /api/v1/plans/" + planId + ")",
                    null, null, null));
        }
        String value = header.trim();
        if (value.equals("*")) {
            // RFC 9110: "*" matches whatever the current revision is — an explicit "overwrite"
            return plans.read(planId).map(StoredPlan::revision).orElseThrow(() -> notFound(Long.toString(planId)));
        }
        if (value.startsWith("W/")) value = value.substring(2);
        if (value.startsWith("\"r") && value.endsWith("\"")) {
            try {
                return Integer.parseInt(value.substring(2, value.length() - 1));
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        int current = plans.read(planId).map(StoredPlan::revision).orElseThrow(() -> notFound(Long.toString(planId)));
        throw stale(-1, current);
    }

    private ProblemException stale(int expected, int current) {
        String detail = expected < 0
                ? "If-Match names no revision of this plan; it is at revision " + current
                : "the plan is at revision " + current + ", not " + expected + ": someone else changed it first; "
                + "read it again and apply your change to revision " + current;
        return new ProblemException(new Problem(Problem.Kind.STALE.type(), Problem.Kind.STALE.title, 412, detail,
                null, null, null, null, null, (long) current));
    }

    private static long id(String id) {
        return PlanPaths.planId(id);
    }

    private static ProblemException notFound(String id) {
        return PlanPaths.notFound("no plan " + id);
    }

    private static EntityTag tag(int revision) {
        return new EntityTag("r" + revision);
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
