package io.parley.api;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.concurrent.TimeoutException;

import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.parley.model.InvalidInputException;

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

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        if (causedByTheDatabase(e)) {
            // the store is down, unreachable or timing out: ours to fix, the client's to retry
            LOG.warn("the database is unavailable: " + e.getMessage());
            return problem(Problem.of(Problem.Kind.UNAVAILABLE)
                    .detail("the plan store is unavailable; retry in " + DATABASE_RETRY_AFTER_SECONDS + " s")
                    .exception(DATABASE_RETRY_AFTER_SECONDS), uri);
        }
        LOG.error("request failed", e);
        return respond(Problem.of(Problem.Kind.INTERNAL, "an internal error occurred; it has been logged"), uri);
    }

    /**
     * A JDBC failure anywhere in the chain that says the database, not this request, is at fault: it
     * is unreachable, dropped the connection, or did not answer in time (which includes the pool's
     * acquisition timeout, a plain SQLException caused by a TimeoutException).
     */
    static boolean causedByTheDatabase(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLException && t.getCause() instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    static Response respond(Problem problem, UriInfo uri) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE)
                .entity(problem.withInstance(uri.getPath())).build();
    }
}
