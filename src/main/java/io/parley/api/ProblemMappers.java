package io.parley.api;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.List;
import java.util.concurrent.TimeoutException;

import javax.transaction.xa.XAException;

import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.HeuristicRollbackException;
import jakarta.transaction.RollbackException;

import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.parley.engine.Work;
import io.parley.model.InvalidInputException;
import io.parley.model.LimitExceededException;
import io.parley.plan.Causes;

/** The one place that turns failures into RFC 9457 problems; no class name or stack trace leaves it. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response response = respond(e.problem(), uri);
        if (e.retryAfterSeconds() > 0) {
            response = Response.fromResponse(response).header("Retry-After", e.retryAfterSeconds()).build();
        }
        return response;
    }

    @ServerExceptionMapper
    public Response invalid(InvalidInputException e, UriInfo uri) {
        return respond(Problem.validation(e.violations()), uri);
    }

    @ServerExceptionMapper
    public Response limitExceeded(LimitExceededException e, UriInfo uri) {
        return respond(Problem.overLimit(e), uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        Problem.Kind kind;
        String detail;
        if (e instanceof NotFoundException) {
            kind = Problem.Kind.NOT_FOUND;
            detail = "nothing at " + uri.getPath() + "; the API lives under /api/v1 (see /openapi.yaml)";
        } else if (e instanceof NotAllowedException) {
            kind = Problem.Kind.METHOD_NOT_ALLOWED;
            detail = "allowed here: " + String.join(", ", AllowedMethods.at(uri.getPath()));
        } else if (e instanceof NotSupportedException) {
            kind = Problem.Kind.UNSUPPORTED_MEDIA_TYPE;
            detail = "send the body as application/json (Content-Type: application/json)";
        } else if (e instanceof NotAcceptableException) {
            kind = Problem.Kind.NOT_ACCEPTABLE;
            detail = "this resource cannot answer in any media type the Accept header names; openapi.yaml lists what each answers";
        } else if (e.getResponse().getStatus() >= 500) {
            LOG.error("request failed", e);
            kind = Problem.Kind.INTERNAL;
            detail = "an internal error occurred; it has been logged";
        } else {
            kind = Problem.Kind.BAD_REQUEST;
            detail = e.getMessage();
        }
        Response response = respond(Problem.of(kind).status(e.getResponse().getStatus()).detail(detail).build(), uri);
        if (e instanceof NotAllowedException) {
            response = Response.fromResponse(response).allow(AllowedMethods.at(uri.getPath())).build();
        }
        return response;
    }

    /** Seconds a client should wait when our database is unavailable: a restart or fail-over takes a few. */
    static final int DATABASE_RETRY_AFTER_SECONDS = 5;

    /**
     * What a client is told when the connection was lost while its write was being committed: the
     * database may have applied the COMMIT before it went away, so "nothing was changed" would be false.
     */
    static final String OUTCOME_UNKNOWN_DETAIL = "the plan store was lost while this write was being committed: "
            + "it may or may not have been stored. Find out from the plan's revision list "
            + "(GET /api/v1/plans/{id}/revisions) or the plan list, or retry in " + DATABASE_RETRY_AFTER_SECONDS
            + " s with the same Idempotency-Key (a create: a stored write answers again as it did) or the same "
            + "If-Match (a change: a stored write answers 412 naming the revision it made)";

    /**
     * Work stopped before its answer was ready: its client went away (nobody reads this answer) or the
     * service is shutting down (another replica, or this one restarted, can take the retry).
     */
    @ServerExceptionMapper
    public Response stopped(Work.Stopped e, UriInfo uri) {
        LOG.info("analysis stopped before its answer: " + e.getMessage());
        return problem(Problem.of(Problem.Kind.UNAVAILABLE).detail("the analysis was stopped because " + e.reason().because
                + "; retry in " + STOPPED_RETRY_AFTER_SECONDS + " s").exception(STOPPED_RETRY_AFTER_SECONDS), uri);
    }

    /** Seconds a client whose analysis was stopped by a shutdown should wait: a replica restarts in a few. */
    static final int STOPPED_RETRY_AFTER_SECONDS = 5;

    /** Seconds a client whose request ran the heap out should wait: the run holding it ends within seconds. */
    static final int OUT_OF_MEMORY_RETRY_AFTER_SECONDS = 10;

    /**
     * The heap ran out during this request (admission bounds the heavy kinds, but not every allocation):
     * ours, and likely passing once the requests that hold the heap have ended, so a 503 to retry.
     */
    @ServerExceptionMapper
    public Response outOfMemory(OutOfMemoryError e, UriInfo uri) {
        LOG.error("the heap ran out while answering " + uri.getPath() + ": " + e.getMessage());
        return problem(Problem.of(Problem.Kind.BUSY).detail("the service ran out of memory for this request; retry in "
                + OUT_OF_MEMORY_RETRY_AFTER_SECONDS + " s, or ask for less (fewer samples, levers or metrics)")
                .exception(OUT_OF_MEMORY_RETRY_AFTER_SECONDS), uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        if (chain(e).stream().anyMatch(OutOfMemoryError.class::isInstance)) {
            // a pool thread's OutOfMemoryError arrives wrapped (analysis/Blocks)
            return outOfMemory(new OutOfMemoryError(e.getMessage()), uri);
        }
        if (failedAtCommit(e)) {
            LOG.warn("the database was lost during a commit; the write's outcome is unknown: " + e.getMessage());
            return problem(Problem.of(Problem.Kind.OUTCOME_UNKNOWN).detail(OUTCOME_UNKNOWN_DETAIL)
                    .exception(DATABASE_RETRY_AFTER_SECONDS), uri);
        }
        if (causedByTheDatabase(e)) {
            // the store is down, unreachable or timing out: ours to fix, the client's to retry
            LOG.warn("the database is unavailable: " + e.getMessage());
            return problem(Problem.of(Problem.Kind.UNAVAILABLE)
                    .detail("the plan store is unavailable; retry in " + DATABASE_RETRY_AFTER_SECONDS + " s")
                    .exception(DATABASE_RETRY_AFTER_SECONDS), uri);
        }
        if (clientWentAway(e)) {
            // a streamed answer cut because its reader left (a cancelled job, a closed tab): routine, not a fault
            LOG.info("the client went away while its answer was written: " + uri.getPath());
            return problem(Problem.of(Problem.Kind.UNAVAILABLE).detail("the client went away").exception(STOPPED_RETRY_AFTER_SECONDS), uri);
        }
        LOG.error("request failed", e);
        return respond(Problem.of(Problem.Kind.INTERNAL, "an internal error occurred; it has been logged"), uri);
    }

    /** What Quarkus's output stream says when it finds the connection closed under a write. */
    static final String CONNECTION_CLOSED = "Connection has been closed";

    /** A write failed because the connection closed: the client left; nobody reads what follows. */
    static boolean clientWentAway(Throwable e) {
        return chain(e).stream().anyMatch(t -> t instanceof java.nio.channels.ClosedChannelException
                || t instanceof java.io.IOException && CONNECTION_CLOSED.equals(t.getMessage()));
    }

    /**
     * A JDBC failure anywhere in the chain that says the database, not this request, is at fault: it
     * is unreachable, dropped the connection, or did not answer in time (which includes the pool's
     * acquisition timeout, a plain SQLException caused by a TimeoutException).
     */
    static boolean causedByTheDatabase(Throwable e) {
        return chain(e).stream().anyMatch(t -> t instanceof SQLTransientException || t instanceof SQLRecoverableException
                || t instanceof SQLNonTransientConnectionException
                || t instanceof SQLException && t.getCause() instanceof TimeoutException
                || failedToEnlist(t));
    }

    /**
     * How Agroal words its failure to enlist a connection in the request's transaction: a plain
     * SQLException with neither cause nor SQLState, seen when the connection died between the pool's
     * check and the enlistment (the database killed or stopped). It happens at a transaction's first
     * statement, so nothing was written.
     */
    static final String AGROAL_ENLIST_FAILURE = "Failed to enlist";

    private static boolean failedToEnlist(Throwable t) {
        return t instanceof SQLException && t.getMessage() != null && t.getMessage().startsWith(AGROAL_ENLIST_FAILURE);
    }

    /**
     * The transaction manager failed to commit (or committed in part) and the database is at fault:
     * the connection died during COMMIT, so whether the database applied it is not known. Narayana's
     * RollbackException says "Could not commit" whatever happened on the wire; the driver's error
     * hangs on it only as a suppressed XAException, which is why {@link #chain} follows both.
     */
    static boolean failedAtCommit(Throwable e) {
        boolean atCommit = chain(e).stream().anyMatch(t -> t instanceof RollbackException
                || t instanceof HeuristicMixedException || t instanceof HeuristicRollbackException
                || t instanceof XAException);
        return atCommit && causedByTheDatabase(e);
    }

    /** Every throwable reachable from {@code e} through causes and suppressed exceptions, each once. */
    static List<Throwable> chain(Throwable e) {
        return Causes.of(e);
    }

    static Response respond(Problem problem, UriInfo uri) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE)
                .entity(problem.withInstance(uri.getPath())).build();
    }
}
