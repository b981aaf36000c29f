package io.parley.api;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.parley.plan.StoreUnavailableException;

/** The problems only plan writes raise: a store that cannot tell whether a plan exists. */
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
}
