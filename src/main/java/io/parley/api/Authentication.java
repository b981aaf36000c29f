package io.parley.api;

import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import io.parley.identity.AccessRules;
import io.parley.identity.Authenticator;
import io.parley.identity.Caller;
import io.parley.identity.CurrentCaller;
import io.parley.identity.InvalidCredentialsException;
import io.parley.identity.Permission;

/**
 * Who calls, and may they: the caller from the {@code Authorization} header (an API key or an
 * OpenID Connect token), the permission the path needs from {@link AccessRules}. 401 without valid
 * credentials, 403 when the caller's roles do not grant the permission.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class Authentication implements ContainerRequestFilter {

    /** RFC 6750: a 401 names the scheme it wants, and why the credentials sent were refused. */
    static final String CHALLENGE = "Bearer realm=\"parley\"";

    private final Authenticator authenticator;
    private final CurrentCaller current;

    public Authentication(Authenticator authenticator, CurrentCaller current) {
        this.authenticator = authenticator;
        this.current = current;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getRequestUri().getRawPath();
        if (!AccessRules.isCanonical(path)) {
            request.abortWith(refused(Problem.of(Problem.Kind.NOT_FOUND).detail("nothing at this path: paths with "
                    + "'.' or '..' segments, empty segments or encoded dots are not resolved"), path, null));
            return;
        }
        Optional<Permission> needed = AccessRules.required(request.getMethod(), path);
        if (needed.isEmpty()) return;
        Caller caller;
        try {
            caller = authenticator.authenticate(request.getHeaderString(HttpHeaders.AUTHORIZATION)).orElse(null);
        } catch (InvalidCredentialsException e) {
            request.abortWith(refused(Problem.of(Problem.Kind.UNAUTHENTICATED).detail(e.getMessage()), path,
                    CHALLENGE + ", error=\"invalid_token\""));
            return;
        }
        if (caller == null) {
            request.abortWith(refused(Problem.of(Problem.Kind.UNAUTHENTICATED).detail("send 'Authorization: Bearer "
                    + "<API key or token>': every operation under /api/ needs a caller"), path, CHALLENGE));
            return;
        }
        if (!caller.may(needed.get())) {
            request.abortWith(refused(Problem.of(Problem.Kind.FORBIDDEN).detail("'" + caller.name() + "' holds the roles "
                    + Roles.names(caller.roles()) + ", none of which allows " + Roles.describe(needed.get())), path, null));
            return;
        }
        current.set(caller);
    }

    private static Response refused(Problem.Builder problem, String path, String challenge) {
        Response.ResponseBuilder r = Response.status(problem.build().status()).type(Problem.MEDIA_TYPE)
                .entity(problem.build().withInstance(path));
        if (challenge != null) r.header(HttpHeaders.WWW_AUTHENTICATE, challenge);
        return r.build();
    }
}
