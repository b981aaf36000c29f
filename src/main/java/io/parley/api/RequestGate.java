package io.parley.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import io.vertx.core.http.HttpServerRequest;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Refuses, before routing, requests the framework would otherwise read more generously than the contract. */
public class RequestGate {

    /**
     * A body sent without a Content-Type is a 415, as the contract says. Left to the framework such a
     * body matched {@code @Consumes(application/json)} and was read as JSON, so a page on any origin
     * could create plans and upload actuals with a "simple" request that needs no CORS preflight.
     */
    @ServerRequestFilter(preMatching = true)
    public Response refuseUntypedBody(ContainerRequestContext request) {
        if (request.getHeaderString(HttpHeaders.CONTENT_TYPE) != null || !carriesBody(request)) {
            return null;
        }
        Problem problem = Problem.of(Problem.Kind.UNSUPPORTED_MEDIA_TYPE)
                .detail("the body has no Content-Type; send it as application/json (Content-Type: application/json)")
                .build();
        return ProblemMappers.respond(problem, request.getUriInfo());
    }

    /**
     * A path with matrix parameters ({@code /plans/1;x=y}) is a 400. JAX-RS strips them from path
     * parameters, so {@code /plans/1;DROP TABLE plan} silently read plan 1; this API defines none.
     */
    @ServerRequestFilter(preMatching = true)
    public Response refuseMatrixParameters(ContainerRequestContext request, HttpServerRequest http) {
        // the raw request line: UriInfo has the parameters already stripped
        String path = http.path();
        if (path == null || !path.contains(";")) {
            return null;
        }
        // the pointer is the parameter as sent, from ';' to the segment's end (as '?name' names a query parameter)
        int from = path.indexOf(';');
        int to = path.indexOf('/', from);
        String parameter = path.substring(from, to < 0 ? path.length() : to);
        String detail = "the path has a ';' parameter; no path of this API takes any: leave out everything from ';' to the next '/'";
        Problem problem = Problem.of(Problem.Kind.BAD_REQUEST).detail(detail).error(parameter, detail, parameter).build();
        return ProblemMappers.respond(problem, request.getUriInfo());
    }

    /** A declared length above zero, or a chunked body whose length is not declared. */
    private static boolean carriesBody(ContainerRequestContext request) {
        return BodyLimit.declaredLength(request.getHeaderString(HttpHeaders.CONTENT_LENGTH)) > 0
                || request.getHeaderString("Transfer-Encoding") != null;
    }
}
