package io.parley.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

/**
 * Turns the credentials of a request into its caller. An API key is looked up by its hash, through
 * this replica's {@link KeyCache}: a key revoked here is refused from the next request on, one revoked
 * through another replica once the cache's time-to-live has passed (at once with the cache off), an
 * expired one always at once. Its last use is written at most once a minute, so a busy key does not
 * cost a write per request.
 */
@ApplicationScoped
public class Authenticator {

    /** How stale a key's recorded last use may be: fine enough to audit, coarse enough not to write on every call. */
    static final Duration LAST_USE_RESOLUTION = Duration.ofMinutes(1);
    private static final String BEARER = "bearer ";
    private static final Logger LOG = Logger.getLogger(Authenticator.class);

    private final ApiKeyRepository keys;
    private final BearerTokens tokens;
    private final KeyCache cache;
    private final Clock clock;

    @Inject
    public Authenticator(ApiKeyRepository keys, BearerTokens tokens, KeyCache cache) {
        this(keys, tokens, cache, Clock.systemUTC());
    }

    Authenticator(ApiKeyRepository keys, BearerTokens tokens, Clock clock) {
        this(keys, tokens, KeyCache.off(), clock);
    }

    Authenticator(ApiKeyRepository keys, BearerTokens tokens, KeyCache cache, Clock clock) {
        this.keys = keys;
        this.tokens = tokens;
        this.cache = cache;
        this.clock = clock;
    }

    /**
     * The caller of an {@code Authorization} header's value; empty when there is none.
     *
     * @throws InvalidCredentialsException when the header is there but does not identify a caller
     */
    public Optional<Caller> authenticate(String authorization) {
        return authenticate(authorization, true);
    }

    /**
     * {@link #authenticate}'s answer when it needs neither the store nor the identity provider, so that
     * a thread which must not wait (an event loop) may ask: no header, a malformed one, or an API key this
     * replica's cache holds whose last use needs no stamp yet.
     *
     * @throws WouldWait when only {@link #authenticate}, on a thread that may wait, can answer
     * @throws InvalidCredentialsException as {@link #authenticate}
     */
    public Optional<Caller> authenticateWithoutWaiting(String authorization) {
        return authenticate(authorization, false);
    }

    /** The answer needs the store or the identity provider, and the thread asking may not wait for them. */
    public static final class WouldWait extends RuntimeException {
        private static final WouldWait INSTANCE = new WouldWait();

        private WouldWait() {
            super("the credentials need the store or the identity provider", null, false, false);
        }
    }

    private Optional<Caller> authenticate(String authorization, boolean mayWait) {
        if (authorization == null || authorization.isBlank()) return Optional.empty();
        if (authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new InvalidCredentialsException("the Authorization header must be 'Bearer <API key or token>'");
        }
        String token = authorization.substring(BEARER.length()).trim();
        if (ApiKeySecret.isApiKey(token)) return Optional.of(byKey(token, mayWait));
        if (!tokens.enabled()) {
            throw new InvalidCredentialsException("this service accepts API keys (pk_…) only: no identity provider is configured");
        }
        // verifying may fetch the provider's keys
        if (!mayWait) throw WouldWait.INSTANCE;
        return Optional.of(tokens.verify(token));
    }

    private Caller byKey(String secret, boolean mayWait) {
        Instant now = clock.instant();
        String hash = ApiKeySecret.isWellFormed(secret) ? ApiKeySecret.hash(secret) : null;
        Optional<ApiKey> found = hash == null ? Optional.empty()
                : mayWait ? cache.get(hash, now, () -> keys.byHash(hash))
                : Optional.of(cache.fresh(hash).orElseThrow(() -> WouldWait.INSTANCE)); // not held: only the store can tell
        ApiKey key = found.filter(k -> k.usableAt(now)).orElse(null);
        if (key == null) throw new InvalidCredentialsException("the API key is not known, or revoked, or expired");
        if (key.lastUsedAt().map(last -> last.plus(LAST_USE_RESOLUTION).isBefore(now)).orElse(true)) {
            if (!mayWait) throw WouldWait.INSTANCE;
            try {
                keys.markUsed(key.id(), now);
                cache.used(hash, new ApiKey(key.id(), key.name(), key.tenant(), key.roles(), key.createdAt(),
                        key.createdBy(), key.expiresAt(), key.revokedAt(), Optional.of(now)));
            } catch (RuntimeException e) {
                // the stamp is for administrators' eyes; losing one must not fail (or cast doubt on) the request
                LOG.warnf("the last use of API key %d was not recorded: %s", key.id(), e.getMessage());
            }
        }
        return key.caller();
    }
}
