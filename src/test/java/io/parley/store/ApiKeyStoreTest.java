package io.parley.store;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.parley.identity.ApiKey;
import io.parley.identity.ApiKeySecret;
import io.parley.identity.Role;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queries a restart runs before its first answer (built as criteria, not HQL): the start's administrator
 * check counts only a live administrator key of that tenant, a key is found by its secret's hash alone, and
 * its last-use stamp lands on that key alone. Each test has a tenant of its own.
 */
@QuarkusTest
class ApiKeyStoreTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    @Inject
    ApiKeyStore keys;

    @Test
    void aTenantWithoutKeysHasNoAdministrator() {
        assertThat(keys.hasAdministrator(tenant(), NOW)).isFalse();
    }

    @Test
    void aLiveAdministratorKeyCounts() {
        String tenant = tenant();
        key(tenant, EnumSet.allOf(Role.class), Optional.empty());
        assertThat(keys.hasAdministrator(tenant, NOW)).isTrue();
        assertThat(keys.hasAdministrator(tenant(), NOW)).as("another tenant").isFalse();
    }

    @Test
    void anAdministratorKeyExpiringLaterCountsAndOneExpiredDoesNot() {
        String later = tenant();
        key(later, EnumSet.of(Role.ADMIN), Optional.of(NOW.plusSeconds(1)));
        assertThat(keys.hasAdministrator(later, NOW)).isTrue();
        String expired = tenant();
        key(expired, EnumSet.of(Role.ADMIN), Optional.of(NOW));
        assertThat(keys.hasAdministrator(expired, NOW)).as("expiring at this instant").isFalse();
    }

    @Test
    void aRevokedAdministratorKeyDoesNotCount() {
        String tenant = tenant();
        ApiKey admin = key(tenant, EnumSet.of(Role.ADMIN), Optional.empty());
        keys.revoke(tenant, admin.id(), NOW.minusSeconds(60));
        assertThat(keys.hasAdministrator(tenant, NOW)).isFalse();
    }

    @Test
    void aKeyWithoutTheAdministratorRoleDoesNotCount() {
        String tenant = tenant();
        key(tenant, EnumSet.complementOf(EnumSet.of(Role.ADMIN)), Optional.empty());
        assertThat(keys.hasAdministrator(tenant, NOW)).isFalse();
    }

    @Test
    void aKeyIsFoundByItsSecretsHashAndAnUnknownHashFindsNothing() {
        String tenant = tenant();
        String secret = ApiKeySecret.generate();
        ApiKey made = keys.create(ApiKeySecret.hash(secret), "found", tenant, EnumSet.of(Role.ANALYST), Optional.empty(),
                "test", NOW);
        key(tenant, EnumSet.of(Role.ANALYST), Optional.empty()); // a neighbour that must not be returned
        assertThat(keys.byHash(ApiKeySecret.hash(secret))).hasValueSatisfying(found -> {
            assertThat(found.id()).isEqualTo(made.id());
            assertThat(found.name()).isEqualTo("found");
            assertThat(found.tenant()).isEqualTo(tenant);
            assertThat(found.roles()).containsExactly(Role.ANALYST);
        });
        assertThat(keys.byHash(ApiKeySecret.hash(ApiKeySecret.generate()))).isEmpty();
    }

    @Test
    void theLastUseIsStampedOnThatKeyAlone() {
        String tenant = tenant();
        ApiKey used = key(tenant, EnumSet.of(Role.ANALYST), Optional.empty());
        ApiKey other = key(tenant, EnumSet.of(Role.ANALYST), Optional.empty());
        Instant at = NOW.plusSeconds(90);
        keys.markUsed(used.id(), at);
        assertThat(keys.find(tenant, used.id()).flatMap(ApiKey::lastUsedAt)).hasValue(at);
        assertThat(keys.find(tenant, other.id()).flatMap(ApiKey::lastUsedAt)).isEmpty();
    }

    private ApiKey key(String tenant, EnumSet<Role> roles, Optional<Instant> expiresAt) {
        return keys.create(ApiKeySecret.hash(ApiKeySecret.generate()), "key", tenant, roles, expiresAt, "test",
                NOW.minusSeconds(3600));
    }

    private static String tenant() {
        return "store-test-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
