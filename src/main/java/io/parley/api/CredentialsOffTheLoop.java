package io.parley.api;

import java.util.Optional;
import java.util.function.Supplier;

import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.parley.identity.Authenticator;
import io.parley.identity.Caller;
import io.parley.identity.InvalidCredentialsException;
import io.quarkus.runtime.BlockingOperationControl;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Resolves a request's credentials before {@link Authentication} when the request is served on the
 * event loop (EvaluationResource), where nothing may wait on the database: an API key this replica's
 * cache holds is resolved there and then; a key the cache does not hold (fresh), its once-a-minute
 * last-use stamp or an OpenID Connect token are resolved on a worker thread while the request waits
 * suspended, the event loop free for others. On a worker thread (every other operation) this does
 * nothing and Authentication resolves the credentials itself, as before.
 */
public class CredentialsOffTheLoop {

    /** The request property that carries the {@link Resolved} credentials to Authentication. */
    static final String RESOLVED = CredentialsOffTheLoop.class.getName() + ".resolved";

    @Inject Authenticator authenticator;

    /** Just before authentication, which reads what this resolved. */
    @ServerRequestFilter(priority = Priorities.AUTHENTICATION - 1)
    public Uni<Void> resolve(ContainerRequestContext request) {
        if (BlockingOperationControl.isBlockingAllowed() || !needsCaller(request)) return Uni.createFrom().voidItem();
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        try {
            request.setProperty(RESOLVED, Resolved.of(() -> authenticator.authenticateWithoutWaiting(authorization)));
            return Uni.createFrom().voidItem();
        } catch (Authenticator.WouldWait e) {
            return Uni.createFrom().item(() -> Resolved.of(() -> authenticator.authenticate(authorization)))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                    .invoke(resolved -> request.setProperty(RESOLVED, resolved))
                    .replaceWithVoid();
        }
    }

    /**
     * Whether Authentication will ask for the caller of the Authorization header: the path needs a
     * permission, and no spreadsheet link stands for the caller (a link reads plans only, never on the event loop).
     */
    private static boolean needsCaller(ContainerRequestContext request) {
        return !request.getUriInfo().getQueryParameters().containsKey(Authentication.LINK)
                && Authentication.Access.of(request).needed().isPresent();
    }

    /** The caller the credentials name (null without credentials), or why they were refused. */
    record Resolved(Caller caller, InvalidCredentialsException refused) {

        static Resolved of(Supplier<Optional<Caller>> authenticate) {
            try {
                return new Resolved(authenticate.get().orElse(null), null);
            } catch (InvalidCredentialsException e) {
                return new Resolved(null, e);
            }
        }

        /** The caller, as {@link Authenticator#authenticate} would have answered. */
        Caller callerOrThrow() {
            if (refused != null) throw refused;
            return caller;
        }
    }
}
