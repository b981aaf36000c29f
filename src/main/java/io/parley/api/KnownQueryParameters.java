package io.parley.api;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.parley.document.JsonInput;

/**
 * Refuses a query parameter the matched resource method does not declare in {@link QueryParameters}:
 * a 400 naming the parameter ({@code ?name}), a "did you mean" when one declared is close, and what
 * the operation takes. Runs after {@link Authentication}, so a caller without credentials or rights
 * learns nothing about an operation's parameters.
 */
public class KnownQueryParameters {

    /** After authentication and authorisation (1000, 2000): a 401 or 403 comes before a 400. */
    static final int PRIORITY = Priorities.USER;

    /** What each resource method declares; empty for one that ignores the query. */
    private final Map<Method, Optional<Set<String>>> declared = new ConcurrentHashMap<>();

    @ServerRequestFilter(priority = PRIORITY)
    public Response refuseUnknown(ResourceInfo resource, UriInfo uri) {
        Method method = resource.getResourceMethod();
        if (method == null) return null;
        Optional<Set<String>> known = declared.computeIfAbsent(method, KnownQueryParameters::of);
        if (known.isEmpty()) return null;
        for (String name : uri.getQueryParameters().keySet()) {
            if (!known.get().contains(name) && !Authentication.LINK.equals(name)) {
                return ProblemMappers.respond(unknown(name, known.get()).problem(), uri);
            }
        }
        return null;
    }

    /**
     * The names {@code method} takes, sorted (so a message lists them, and picks among equally close
     * suggestions, the same way after every restart); empty when it ignores the query.
     */
    static Optional<Set<String>> of(Method method) {
        QueryParameters q = method.getAnnotation(QueryParameters.class);
        if (q == null) return Optional.of(Set.of());
        return q.othersIgnored() ? Optional.empty() : Optional.of(new TreeSet<>(List.of(q.value())));
    }

    static ProblemException unknown(String name, Set<String> known) {
        return Requests.badParameter(name, "unknown query parameter '" + name + "'"
                + JsonInput.suggestion(name, known) + "; this resource takes "
                + (known.isEmpty() ? "none" : JsonInput.listed(known)));
    }
}
