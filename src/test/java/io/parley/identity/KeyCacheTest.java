package io.parley.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static io.parley.identity.AuthenticatorTest.NO_PROVIDER;
import static io.parley.identity.AuthenticatorTest.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cache of verified API keys: what it saves, and the limits of what it may trust (docs/security.md). */
class KeyCacheTest {

    static final Duration TTL = Duration.ofSeconds(5);

    /** A clock the test moves by hand. */
    static final class Hand extends Clock {
        Instant now = NOW;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /** The store, counting its lookups by hash. */
    static final class CountedKeys extends AuthenticatorTest.Keys {
        final AtomicInteger lookups = new AtomicInteger();

        @Override
        public Optional<ApiKey> byHash(String secretHash) {
            lookups.incrementAndGet();
            return super.byHash(secretHash);
        }

        /** Writes the last use into the stored key too, as the store does. */
        @Override
        public void markUsed(long id, Instant at) {
            super.markUsed(id, at);
            byHash.replaceAll((h, k) -> k.id() != id ? k : new ApiKey(k.id(), k.name(), k.tenant(), k.roles(),
                    k.createdAt(), k.createdBy(), k.expiresAt(), k.revokedAt(), Optional.of(at)));
        }

        /** The stored key of {@code secret}, revoked at {@code at} (as the store's revoke leaves it). */
        void revoke(String secret, Instant at) {
            byHash.computeIfPresent(ApiKeySecret.hash(secret), (h, k) -> new ApiKey(k.id(), k.name(), k.tenant(),
                    k.roles(), k.createdAt(), k.createdBy(), k.expiresAt(), Optional.of(at), k.lastUsedAt()));
        }
    }

    final Hand clock = new Hand();
    final CountedKeys store = new CountedKeys();

    /** One replica of the service: its own cache over the shared store. */
    Authenticator replica(KeyCache cache) {
        return new Authenticator(store, NO_PROVIDER, cache, clock);
    }

    KeyCache cache(Duration ttl) {
        return new KeyCache(ttl, clock);
    }

    static String bearer(String secret) {
        return "Bearer " + secret;
    }

    void refused(Authenticator replica, String secret) {
        assertThatThrownBy(() -> replica.authenticate(bearer(secret)))
                .isInstanceOf(InvalidCredentialsException.class)
                .hasMessage("the API key is not known, or revoked, or expired");
    }

    @Test
    void aBusyKeyIsLookedUpOncePerTimeToLive() {
        String secret = ApiKeySecret.generate();
        ApiKey k = store.put(secret, Optional.empty(), Optional.empty(), Optional.empty());
        Authenticator replica = replica(cache(TTL));
        for (int i = 0; i < 1000; i++) {
            assertThat(replica.authenticate(bearer(secret)).orElseThrow().subject()).isEqualTo("key:" + k.id());
        }
        assertThat(store.lookups).hasValue(1);
        clock.now = NOW.plus(TTL); // the entry is as old as the time-to-live: no longer trusted
        replica.authenticate(bearer(secret));
        assertThat(store.lookups).hasValue(2);
        // the last use is still written once a minute, not once per request nor lost by the cache
        assertThat(store.marks).containsExactly(NOW);
    }

    @Test
    void aKeyRevokedOnThisReplicaIsRefusedAtOnce() {
        String secret = ApiKeySecret.generate();
        ApiKey k = store.put(secret, Optional.empty(), Optional.empty(), Optional.empty());
        KeyCache cache = cache(TTL);
        Authenticator replica = replica(cache);
        replica.authenticate(bearer(secret));
        store.revoke(secret, NOW);
        cache.forget(k.id()); // what ApiKeys.revoke does once the revocation is committed
        refused(replica, secret);
    }

    @Test
    void aKeyRevokedOnAnotherReplicaIsRefusedHereOnceTheTimeToLiveHasPassed() {
        String secret = ApiKeySecret.generate();
        ApiKey k = store.put(secret, Optional.empty(), Optional.empty(), Optional.empty());
        KeyCache hereCache = cache(TTL);
        KeyCache thereCache = cache(TTL);
        Authenticator here = replica(hereCache);
        Authenticator there = replica(thereCache);
        here.authenticate(bearer(secret));
        there.authenticate(bearer(secret));
        clock.now = NOW.plusSeconds(1);
        store.revoke(secret, clock.now);
        thereCache.forget(k.id());
        refused(there, secret);
        // here still trusts what it read at NOW, for at most the time-to-live: the documented trade-off
        clock.now = NOW.plus(TTL).minusMillis(1);
        assertThat(here.authenticate(bearer(secret))).isPresent();
        clock.now = NOW.plus(TTL);
        refused(here, secret);
    }

    @Test
    void theCacheOffLooksEveryRequestUpAndRevocationIsImmediateEverywhere() {
        String secret = ApiKeySecret.generate();
        store.put(secret, Optional.empty(), Optional.empty(), Optional.empty());
        Authenticator here = replica(cache(Duration.ZERO));
        for (int i = 0; i < 3; i++) here.authenticate(bearer(secret));
        assertThat(store.lookups).hasValue(3);
        store.revoke(secret, NOW); // through another replica: nothing here is told
        refused(here, secret);
    }

    @Test
    void anExpiryIsHonouredWhileTheKeyIsCached() {
        String secret = ApiKeySecret.generate();
        store.put(secret, Optional.of(NOW.plusSeconds(1)), Optional.empty(), Optional.empty());
        Authenticator replica = replica(cache(TTL));
        assertThat(replica.authenticate(bearer(secret))).isPresent();
        clock.now = NOW.plusSeconds(1); // the expiry, well within the time-to-live
        refused(replica, secret);
        assertThat(store.lookups).hasValue(1); // refused from the cached key's own expiry, not a new lookup
    }

    @Test
    void aLookupUnderWayWhenTheKeyIsRevokedDoesNotPutItBack() {
        String secret = ApiKeySecret.generate();
        ApiKey k = store.put(secret, Optional.empty(), Optional.empty(), Optional.empty());
        KeyCache cache = cache(TTL);
        String hash = ApiKeySecret.hash(secret);
        // the lookup read the row before the revocation committed; the cache forgot the key before it returned
        Optional<ApiKey> stale = cache.get(hash, NOW, () -> {
            Optional<ApiKey> read = store.byHash(hash);
            store.revoke(secret, NOW);
            cache.forget(k.id());
            return read;
        });
        assertThat(stale).isPresent(); // that one request was already past its check, as without a cache
        refused(replica(cache), secret);
    }

    @Test
    void unknownAndRevokedKeysAreNeverRemembered() {
        String revoked = ApiKeySecret.generate();
        store.put(revoked, Optional.empty(), Optional.of(NOW.minusSeconds(1)), Optional.empty());
        Authenticator replica = replica(cache(TTL));
        String unknown = ApiKeySecret.generate();
        for (int i = 0; i < 3; i++) {
            refused(replica, unknown);
            refused(replica, revoked);
        }
        assertThat(store.lookups).hasValue(6);
    }

    /**
     * On the event loop the credentials are first asked for without waiting: that answers alone only what
     * authenticate would answer from the cache, never asking the store (whose lookups and writes would stall
     * the loop) and never answering otherwise than authenticate.
     */
    @Test
    void withoutWaitingAKeyIsAnsweredFromTheCacheOnlyAndTheStoreIsNeverAsked() {
        String secret = ApiKeySecret.generate();
        ApiKey k = store.put(secret, Optional.empty(), Optional.empty(), Optional.empty());
        Authenticator replica = replica(cache(TTL));
        assertThatThrownBy(() -> replica.authenticateWithoutWaiting(bearer(secret)))
                .isInstanceOf(Authenticator.WouldWait.class); // not held yet: only the store can tell
        assertThat(store.lookups).hasValue(0);
        assertThat(replica.authenticate(bearer(secret)).orElseThrow().subject()).isEqualTo("key:" + k.id());
        assertThat(store.marks).containsExactly(NOW);
        clock.now = NOW.plus(TTL).minusMillis(1);
        assertThat(replica.authenticateWithoutWaiting(bearer(secret)).orElseThrow().subject()).isEqualTo("key:" + k.id());
        assertThat(store.lookups).hasValue(1);
        clock.now = NOW.plus(TTL); // stale: the store must be asked again
        assertThatThrownBy(() -> replica.authenticateWithoutWaiting(bearer(secret))).isInstanceOf(Authenticator.WouldWait.class);
        assertThat(store.lookups).hasValue(1);
        assertThat(store.marks).containsExactly(NOW);
    }

    @Test
    void withoutWaitingALastUseDueForItsStampIsLeftToAThreadThatMayWrite() {
        String secret = ApiKeySecret.generate();
        store.put(secret, Optional.empty(), Optional.empty(), Optional.empty());
        Authenticator replica = replica(cache(Duration.ofMinutes(5)));
        replica.authenticate(bearer(secret));
        clock.now = NOW.plus(Authenticator.LAST_USE_RESOLUTION).plusMillis(1); // cached, but its last use is due
        assertThatThrownBy(() -> replica.authenticateWithoutWaiting(bearer(secret))).isInstanceOf(Authenticator.WouldWait.class);
        assertThat(store.marks).containsExactly(NOW);
        replica.authenticate(bearer(secret));
        assertThat(store.marks).containsExactly(NOW, clock.now);
        assertThat(replica.authenticateWithoutWaiting(bearer(secret))).isPresent();
        assertThat(store.lookups).hasValue(1);
    }

    @Test
    void withoutWaitingRefusalsAndAbsentCredentialsAreAnsweredAsAuthenticateAnswersThem() {
        Authenticator replica = replica(cache(TTL));
        assertThat(replica.authenticateWithoutWaiting(null)).isEmpty();
        assertThat(replica.authenticateWithoutWaiting(" ")).isEmpty();
        assertThatThrownBy(() -> replica.authenticateWithoutWaiting("Basic dXNlcjpwYXNz"))
                .isInstanceOf(InvalidCredentialsException.class)
                .hasMessage("the Authorization header must be 'Bearer <API key or token>'");
        assertThatThrownBy(() -> replica.authenticateWithoutWaiting("Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln"))
                .isInstanceOf(InvalidCredentialsException.class)
                .hasMessage("this service accepts API keys (pk_…) only: no identity provider is configured");
        // a key of the wrong form is refused without a lookup, by either
        assertThatThrownBy(() -> replica.authenticateWithoutWaiting("Bearer pk_short"))
                .isInstanceOf(InvalidCredentialsException.class);
        assertThat(store.lookups).hasValue(0);
        // the cache off: every key needs the store
        String secret = ApiKeySecret.generate();
        store.put(secret, Optional.empty(), Optional.empty(), Optional.empty());
        Authenticator uncached = replica(cache(Duration.ZERO));
        uncached.authenticate(bearer(secret));
        assertThatThrownBy(() -> uncached.authenticateWithoutWaiting(bearer(secret))).isInstanceOf(Authenticator.WouldWait.class);
    }

    @Test
    void aNegativeTimeToLiveIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> new KeyCache(Duration.ofSeconds(-1), clock))
                .hasMessage("parley.security.key-cache-ttl must not be negative, was PT-1S");
    }
}
