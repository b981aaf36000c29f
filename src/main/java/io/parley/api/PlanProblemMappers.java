package io.parley.api;

import java.util.List;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.parley.plan.IdempotencyKeyException;
import io.parley.plan.StoreUnavailableException;

/** The problems only plan writes raise: a store that cannot tell, and Idempotency-Keys that cannot be honoured. */
public class PlanProblemMappers {

    private static final Logger LOG = Logger.getLogger(PlanProblemMappers.class);

    /** Problem type of a key sent again with another request (422). */
    static final String KEY_REUSED = "urn:parley:problem:idempotency-key-reused";
    /** Problem type of a key whose first request is still being handled (409). */
    static final String KEY_IN_FLIGHT = "urn:parley:problem:idempotency-key-in-flight";

    /** Never 404 for a plan that may well be there: 503 with Retry-After, as any unavailability of the database. */
    @ServerExceptionMapper
    public Response unavailable(StoreUnavailableException e, UriInfo uri) {
        LOG.warn("the plan store is unavailable: " + e.getMessage());
        Response r = ProblemMappers.respond(Problem.of(Problem.Kind.UNAVAILABLE, "the plan store is unavailable; retry in "
                + ProblemMappers.DATABASE_RETRY_AFTER_SECONDS + " s"), uri);
        return Response.fromResponse(r).header("Retry-After", ProblemMappers.DATABASE_RETRY_AFTER_SECONDS).build();
    }

    @ServerExceptionMapper
    public Response idempotencyKey(IdempotencyKeyException e, UriInfo uri) {
        boolean reused = e instanceof IdempotencyKeyException.Reused;
        String pointer = "Idempotency-Key";
        Problem problem = reused
                ? new Problem(KEY_REUSED, "The Idempotency-Key was used with another request", 422, e.getMessage(), null,
                List.of(new Problem.FieldError(pointer, e.getMessage(), e.key())), null)
                : new Problem(KEY_IN_FLIGHT, "A request with this Idempotency-Key is still being handled", 409,
                e.getMessage(), null, List.of(new Problem.FieldError(pointer, e.getMessage(), e.key())), null);
        Response r = ProblemMappers.respond(problem, uri);
        // the first request answers within a request's time: try again after a second
        return reused ? r : Response.fromResponse(r).header("Retry-After", 1).build();
    }
}
