package io.parley.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.parley.plan.IdempotencyKeyException;
import io.parley.plan.StoreUnavailableException;

/** The problems only plan writes raise: a store that cannot tell, and Idempotency-Keys that cannot be honoured. */
public class PlanProblemMappers {

    private static final Logger LOG = Logger.getLogger(PlanProblemMappers.class);

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
        Problem problem = Problem.of(reused ? Problem.Kind.IDEMPOTENCY_KEY_REUSED : Problem.Kind.IDEMPOTENCY_KEY_IN_FLIGHT)
                .detail(e.getMessage()).error(pointer, e.getMessage(), e.key()).build();
        Response r = ProblemMappers.respond(problem, uri);
        // the first request answers within a request's time: try again after a second
        return reused ? r : Response.fromResponse(r).header("Retry-After", 1).build();
    }
}
