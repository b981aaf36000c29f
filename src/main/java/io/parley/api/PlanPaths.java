package io.parley.api;

import java.io.IOException;
import java.util.ArrayList;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.document.ScenarioJson;
import io.parley.model.Scenario;
import io.parley.model.Violation;
import io.parley.plan.IdempotencyKey;
import io.parley.plan.KeptAnswer;
import io.parley.plan.PlanScenario;
import io.parley.plan.PlanService;
import io.parley.plan.StoredPlan;

/**
 * What the plan resources share: reading ids from paths (400), the 404, the revision a change is
 * based on (If-Match, 428 and 412), and a stored scenario read back (409 when it no longer satisfies the model).
 */
final class PlanPaths {

    private PlanPaths() {
    }

    /** Path ids are written in ASCII digits only: no sign, no spaces, no leading zero (01 is not a second name for 1). */
    private static final Pattern DIGITS = Pattern.compile("[1-9][0-9]*");

    /** The plan id in the path parameter {@code id}: a whole number ≥ 1, else 400. */
    static long planId(String id) {
        return id("id", id, "a plan id");
    }

    /** The scenario id in the path parameter {@code sid}: a whole number ≥ 1, else 400. */
    static long scenarioId(String sid) {
        return id("sid", sid, "a scenario id");
    }

    /**
     * A path id that names something by number: a whole number from 1 to {@link Long#MAX_VALUE}.
     * Anything else is a 400 naming the parameter, the value and this rule; whether a well-formed id
     * names something that exists is the caller's 404.
     */
    static long id(String parameter, String value, String what) {
        if (DIGITS.matcher(value).matches()) {
            try {
                long id = Long.parseLong(value);
                if (id >= 1) return id;
            } catch (NumberFormatException tooLarge) {
                throw Requests.badPathParameter(parameter, value, "path parameter '" + parameter + "': '" + value
                        + "' is not " + what + "; " + what + " is a whole number ≥ 1, at most " + Long.MAX_VALUE);
            }
        }
        throw Requests.badPathParameter(parameter, value, "path parameter '" + parameter + "': '" + value
                + "' is not " + what + "; " + what + " is a whole number ≥ 1");
    }

    /** A list answer: {@code head} (the plan it is of, or the page) with {@code field} holding a row per item. */
    static <T> Response list(ObjectNode head, String field, List<T> items, Function<T, ObjectNode> row) {
        ArrayNode list = head.putArray(field);
        items.forEach(item -> list.add(row.apply(item)));
        return Response.ok(head, MediaType.APPLICATION_JSON).build();
    }

    /** The plan the path's {@code id} names: 400 for what is no plan id, 404 for no plan (of the caller's tenant). */
    static StoredPlan plan(PlanService plans, String id) {
        return plans.read(planId(id)).orElseThrow(() -> notFound("no plan " + id));
    }

    /**
     * A list that belongs to a plan (its scenarios, its revisions) under the plan's id: 404 when there is no plan.
     */
    static <T> Response listOf(PlanService plans, ObjectMapper mapper, String id, String field,
                               LongFunction<List<T>> items, Function<T, ObjectNode> row) {
        long planId = plan(plans, id).id();
        return list(mapper.createObjectNode().put("planId", planId), field, items.apply(planId), row);
    }

    static ProblemException notFound(String detail) {
        return new ProblemException(Problem.of(Problem.Kind.NOT_FOUND, detail));
    }

    /** The revision an update is based on, from If-Match: required (428), and a revision of ours. */
    static int ifMatch(HttpHeaders headers, long planId, PlanService plans) {
        String header = headers.getHeaderString(HttpHeaders.IF_MATCH);
        if (header == null || header.isBlank()) {
            throw new ProblemException(Problem.of(Problem.Kind.PRECONDITION_REQUIRED,
                    "send If-Match with the ETag of the revision you changed (GET /api/v1/plans/" + planId + ")"));
        }
        String value = header.trim();
        if (value.equals("*")) {
            // RFC 9110: "*" matches whatever the current revision is — an explicit "overwrite"
            return plans.read(planId).map(StoredPlan::revision).orElseThrow(() -> notFound("no plan " + planId));
        }
        if (value.startsWith("W/")) value = value.substring(2);
        if (value.startsWith("\"r") && value.endsWith("\"")) {
            try {
                return Integer.parseInt(value.substring(2, value.length() - 1));
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        int current = plans.read(planId).map(StoredPlan::revision).orElseThrow(() -> notFound("no plan " + planId));
        throw stale(-1, current);
    }

    static ProblemException stale(int expected, int current) {
        String detail = expected < 0
                ? "If-Match names no revision of this plan; it is at revision " + current
                : "the plan is at revision " + current + ", not " + expected + ": someone else changed it first; "
                + "read it again and apply your change to revision " + current;
        return Problem.of(Problem.Kind.STALE).detail(detail).currentRevision(current).exception();
    }

    /** A plan's ETag: its revision. */
    static EntityTag tag(int revision) {
        return new EntityTag("r" + revision);
    }

    /** The header a creating POST may carry (the IETF httpapi draft "The Idempotency-Key HTTP Header Field"). */
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /**
     * The caller's Idempotency-Key, fingerprinted with the request's method, path, media type and body;
     * empty when none was sent, a 400 when it breaks {@link IdempotencyKey#RULE}.
     */
    static Optional<IdempotencyKey> idempotencyKey(HttpHeaders headers, UriInfo uri, byte[] body) {
        String key = headers.getHeaderString(IDEMPOTENCY_KEY);
        if (key == null) return Optional.empty();
        if (!IdempotencyKey.isWellFormed(key)) {
            String message = "header '" + IDEMPOTENCY_KEY + "' must be " + IdempotencyKey.RULE;
            throw Problem.of(Problem.Kind.BAD_REQUEST).title("A header is not valid").detail(message)
                    .error(IDEMPOTENCY_KEY, message, key).exception();
        }
        String operation = "POST " + uri.getPath() + " " + headers.getMediaType();
        return Optional.of(IdempotencyKey.of(Callers.current().key(), key, operation, body));
    }

    /**
     * {@code answerTo}'s answer to what {@code write} wrote; with an Idempotency-Key, made and kept once
     * per key ({@code once}), and given again to a retry.
     */
    static <T> Response answer(Optional<IdempotencyKey> key, Function<IdempotencyKey, KeptAnswer> once,
                               Supplier<T> write, Function<T, KeptAnswer> answerTo) {
        KeptAnswer a = key.map(once).orElseGet(() -> answerTo.apply(write.get()));
        Response.ResponseBuilder r = Response.status(a.status()).entity(a.body()).type(MediaType.APPLICATION_JSON);
        if (a.location() != null) r.location(URI.create(a.location()));
        if (a.etag() != null) r.header(HttpHeaders.ETAG, a.etag());
        return r.build();
    }

    /**
     * A stored scenario read back through the model: the scenario, or every rule the stored
     * document breaks now (pointers under {@code /scenario}, as in the stored scenario's JSON).
     * Documents are checked when stored, so a violation means the model's rules have tightened since.
     */
    record Reread(Scenario scenario, List<Violation> violations) {
        boolean valid() {
            return violations.isEmpty();
        }
    }

    static Reread reread(PlanScenario stored, ObjectMapper mapper) {
        JsonNode document;
        try {
            document = mapper.readTree(stored.document());
        } catch (IOException e) {
            return new Reread(null, List.of(Violation.of("/scenario", "the stored document is not well-formed JSON")));
        }
        List<Violation> violations = new ArrayList<>();
        Scenario scenario = ScenarioJson.read(document, "/scenario", violations);
        return violations.isEmpty() ? new Reread(scenario, List.of()) : new Reread(null, List.copyOf(violations));
    }

    /** A stored scenario as a scenario again; a 409 naming every violation when it no longer satisfies the model. */
    static Scenario scenario(PlanScenario stored, ObjectMapper mapper) {
        Reread read = reread(stored, mapper);
        if (!read.valid()) {
            throw new ProblemException(Problem.storedScenarioInvalid(stored.planId(), stored.id(), read.violations()));
        }
        return read.scenario();
    }
}
