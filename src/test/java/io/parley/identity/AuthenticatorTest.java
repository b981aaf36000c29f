package io.parley.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuthenticatorTest {

    static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    /** Keys in memory, by hash. */
    static class Keys implements ApiKeyRepository {
        final Map<String, ApiKey> byHash = new HashMap<>();
        final List<Instant> marks = new ArrayList<>();

        ApiKey put(String secret, Optional<Instant> expires, Optional<Instant> revoked, Optional<Instant> lastUsed) {
            ApiKey k = new ApiKey(byHash.size() + 1, "export", "acme", EnumSet.of(Role.VIEWER), NOW.minusSeconds(3600),
                    "admin", expires, revoked, lastUsed);
            byHash.put(ApiKeySecret.hash(secret), k);
            return k;
        }

        @Override
        public Optional<ApiKey> byHash(String secretHash) {
            return Optional.ofNullable(byHash.get(secretHash));
        }

        @Override
        public ApiKey create(String h, String n, String t, Set<Role> r, Optional<Instant> e, String by, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<ApiKey> list(String tenant) {
            return List.copyOf(byHash.values());
        }

        @Override
        public Optional<ApiKey> find(String tenant, long id) {
            return Optional.empty();
        }

        @Override
        public Optional<ApiKey> revoke(String tenant, long id, Instant at) {
            return Optional.empty();
        }

        @Override
        public void markUsed(long id, Instant at) {
            marks.add(at);
        }

        @Override
        public boolean hasAdministrator(String tenant, Instant now) {
            return false;
        }
    }

    static final BearerTokens NO_PROVIDER = new BearerTokens() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public Caller verify(String token) {
            throw new AssertionError("not asked without a provider");
        }
    };

    final Keys keys = new Keys();
    final Authenticator authenticator = new Authenticator(keys, NO_PROVIDER, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aKnownKeyIsItsCallerAndItsUseIsRecorded() {
        String secret = ApiKeySecret.generate();
        ApiKey k = keys.put(secret, Optional.empty(), Optional.empty(), Optional.empty());
        Caller c = authenticator.authenticate("Bearer " + secret).orElseThrow();
        assertThat(c.subject()).isEqualTo("key:" + k.id());
        assertThat(c.tenant()).isEqualTo("acme");
        assertThat(c.roles()).containsExactly(Role.VIEWER);
        assertThat(keys.marks).containsExactly(NOW);
    }

    @Test
    void aUseWithinAMinuteOfTheLastIsNotWrittenAgain() {
        String secret = ApiKeySecret.generate();
        keys.put(secret, Optional.empty(), Optional.empty(), Optional.of(NOW.minusSeconds(30)));
        authenticator.authenticate("bearer " + secret); // the scheme's name is case-insensitive (RFC 7235)
        assertThat(keys.marks).isEmpty();
    }

    @Test
    void revokedExpiredAndUnknownKeysAreRefusedAlike() {
        String revoked = ApiKeySecret.generate();
        String expired = ApiKeySecret.generate();
        String expiresNow = ApiKeySecret.generate();
        keys.put(revoked, Optional.empty(), Optional.of(NOW.minus(Duration.ofSeconds(1))), Optional.empty());
        keys.put(expired, Optional.of(NOW.minusSeconds(1)), Optional.empty(), Optional.empty());
        keys.put(expiresNow, Optional.of(NOW), Optional.empty(), Optional.empty());
        for (String secret : List.of(revoked, expired, expiresNow, ApiKeySecret.generate(), "pk_short")) {
            assertThatThrownBy(() -> authenticator.authenticate("Bearer " + secret))
                    .isInstanceOf(InvalidCredentialsException.class)
                    .hasMessage("the API key is not known, or revoked, or expired");
        }
    }

    @Test
    void noHeaderIsNoCallerAndOtherSchemesAreRefused() {
        assertThat(authenticator.authenticate(null)).isEmpty();
        assertThatThrownBy(() -> authenticator.authenticate("Basic YTpi")).isInstanceOf(InvalidCredentialsException.class);
        assertThatThrownBy(() -> authenticator.authenticate("Bearer ")).isInstanceOf(InvalidCredentialsException.class);
        // a JWT without a configured provider is refused, saying so
        assertThatThrownBy(() -> authenticator.authenticate("Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln"))
                .hasMessageContaining("no identity provider is configured");
    }

    @Test
    void secretsCarry256BitsAndOnlyTheirHashIsKept() {
        String a = ApiKeySecret.generate();
        assertThat(a).startsWith("pk_").hasSize(3 + 43).matches("pk_[A-Za-z0-9_-]{43}");
        assertThat(ApiKeySecret.generate()).isNotEqualTo(a);
        // SHA-256 of "abc" (FIPS 180-2, appendix B.1)
        assertThat(ApiKeySecret.hash("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
