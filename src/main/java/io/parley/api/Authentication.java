package io.parley.api;

import java.util.List;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
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
import io.parley.identity.LinkReads;
import io.parley.identity.LinkScope;
import io.parley.identity.SpreadsheetLink;
import io.parley.identity.SpreadsheetLinks;
import io.parley.identity.Permission;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

/**
 * Who calls, and may they: the caller from the {@code Authorization} header (an API key or an
 * OpenID Connect token), the permission the path needs from {@link AccessRules}. 401 without valid
 * credentials, 403 when the caller's roles do not grant the permission, or when a change of a stored
 * plan comes from a caller the plan does not name as an editor ({@link PlanEditing}).
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class Authentication implements ContainerRequestFilter {

    /** RFC 6750: a 401 names the scheme it wants, and why the credentials sent were refused. */
    static final String CHALLENGE = "Bearer realm=\"parley\"";

    /** The query parameter of a spreadsheet link (never logged: logs name paths, not queries). */
    static final String LINK = "link";

    @Inject Authenticator authenticator;
    @Inject SpreadsheetLinks links;
    @Inject CurrentCaller current;
    @Inject CurrentVertxRequest http;
    @Inject PlanEditing planEditing;

    @Override
    public void filter(ContainerRequestContext request) {
        Access access = Access.of(request);
        String path = access.path();
        if (!AccessRules.isCanonical(path)) {
            request.abortWith(refused(Problem.of(Problem.Kind.NOT_FOUND).detail("nothing at this path: paths with "
                    + "'.' or '..' segments, empty segments or encoded dots are not resolved"), path, null));
            return;
        }
        Optional<Permission> needed = access.needed();
        if (needed.isEmpty()) return;
        Caller caller;
        try {
            List<String> link = request.getUriInfo().getQueryParameters().get(LINK);
            caller = link != null ? byLink(request, path, link) : byHeader(request);
            if (caller == null && link != null) return; // refused in byLink
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
        current.setClientAddress(clientAddress());
        planEditing.refusal(request.getMethod(), path, caller).ifPresent(why ->
                request.abortWith(refused(Problem.of(Problem.Kind.FORBIDDEN).detail(why), path, null)));
    }

    /**
     * A request's raw path and the permission it needs ({@link AccessRules}), worked out once per request
     * and kept on it: CredentialsOffTheLoop asks before this filter does, and the rules' regular
     * expressions were a tenth of a small evaluate's authentication when each asked on its own.
     */
    record Access(String path, Optional<Permission> needed) {

        private static final String PROPERTY = Access.class.getName();

        static Access of(ContainerRequestContext request) {
            if (request.getProperty(PROPERTY) instanceof Access known) return known;
            String path = request.getUriInfo().getRequestUri().getRawPath();
            Access access = new Access(path, AccessRules.required(request.getMethod(), path));
            request.setProperty(PROPERTY, access);
            return access;
        }
    }

    /**
     * The caller of the Authorization header: as CredentialsOffTheLoop resolved it for a request on the
     * event loop, else (a worker thread, which may wait on the store) resolved here.
     */
    private Caller byHeader(ContainerRequestContext request) {
        if (request.getProperty(CredentialsOffTheLoop.RESOLVED) instanceof CredentialsOffTheLoop.Resolved resolved) {
            return resolved.callerOrThrow();
        }
        return authenticator.authenticate(request.getHeaderString(HttpHeaders.AUTHORIZATION)).orElse(null);
    }

    /**
     * The peer of the connection, for the audit trail. With quarkus.http.proxy.proxy-address-forwarding
     * on, the HTTP layer has already replaced it by the proxy's X-Forwarded-For (or Forwarded) entry;
     * off (the default), a client's own X-Forwarded-For header changes nothing.
     */
    private String clientAddress() {
        RoutingContext context = http.getCurrent();
        SocketAddress peer = context == null ? null : context.request().remoteAddress();
        return peer == null ? null : peer.hostAddress();
    }

    /**
     * The caller a spreadsheet link stands for. A link reads only the text/plain and CSV answers of
     * its own plan: anywhere else (a write, JSON, another plan) the answer is a 404, as if the link
     * could not see there, which it cannot. Null when the request was refused.
     */
    private Caller byLink(ContainerRequestContext request, String path, List<String> link) {
        Optional<LinkScope> target = LinkReads.target(request.getMethod(), path, request.getHeaderString(HttpHeaders.ACCEPT));
        if (target.isEmpty() || link.size() != 1) {
            request.abortWith(refused(Problem.of(Problem.Kind.NOT_FOUND).detail("a spreadsheet link (?link=) reads only "
                    + "the text/plain and CSV answers of its plan (GET …/metrics/{metric}, …/figures, CSV actuals "
                    + "and variance), once per request; use an API key for anything else"), path, null));
            return null;
        }
        SpreadsheetLink found = links.authenticate(link.get(0));
        if (!LinkReads.covers(found.scope(), target.get())) {
            request.abortWith(refused(Problem.of(Problem.Kind.NOT_FOUND).detail("nothing at this path for this "
                    + "spreadsheet link: it reads one plan (or one scenario of it) only"), path, null));
            return null;
        }
        return found.caller();
    }

    static Response refused(Problem.Builder problem, String path, String challenge) {
        Response.ResponseBuilder r = Response.status(problem.build().status()).type(Problem.MEDIA_TYPE)
                .entity(problem.build().withInstance(path));
        if (challenge != null) r.header(HttpHeaders.WWW_AUTHENTICATE, challenge);
        return r.build();
    }
}
