package io.parley.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import io.parley.model.InvalidInputException;
import io.parley.model.Violation;

/**
 * Administrators create, list and revoke their tenant's API keys; a key's secret is shown once, at
 * creation. Creating and revoking are recorded in the audit trail in the same transaction.
 */
@ApplicationScoped
public class ApiKeys {

    /** Longest key name: what the column holds. */
    public static final int MAX_NAME = 200;

    private final ApiKeyRepository keys;
    private final AuditTrail audit;
    private final KeyCache cache;
    private final TransactionSynchronizationRegistry transactions;
    private final Clock clock;

    @Inject
    public ApiKeys(ApiKeyRepository keys, AuditTrail audit, KeyCache cache, TransactionSynchronizationRegistry transactions) {
        this.keys = keys;
        this.audit = audit;
        this.cache = cache;
        this.transactions = transactions;
        this.clock = Clock.systemUTC();
    }

    /** A key just created, with the secret that is never shown again. */
    public record Issued(ApiKey key, String secret) {
    }

    /**
     * A new key of {@code by}'s tenant.
     *
     * @param roleNames role names as the request gave them, checked here
     * @throws InvalidInputException naming every rule broken: blank or long name, no or unknown role, expiry not in the future
     */
    @Transactional
    public Issued create(Caller by, String name, List<String> roleNames, Optional<Instant> expiresAt) {
        Instant now = clock.instant();
        List<Violation> broken = new ArrayList<>();
        if (name == null || name.isBlank() || name.length() > MAX_NAME) {
            broken.add(new Violation("/name", "must be 1–" + MAX_NAME + " characters, not blank", name));
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (int i = 0; i < roleNames.size(); i++) {
            String r = roleNames.get(i);
            Optional<Role> role = Role.of(r);
            if (role.isEmpty()) broken.add(new Violation("/roles/" + i, "unknown role; expected one of viewer, manager, analyst, admin", r));
            role.ifPresent(roles::add);
        }
        if (roleNames.isEmpty()) broken.add(Violation.of("/roles", "a key needs at least one role"));
        Expiry.notInFuture(expiresAt, now).ifPresent(broken::add);
        if (!broken.isEmpty()) throw new InvalidInputException(broken);
        String secret = ApiKeySecret.generate();
        ApiKey key = keys.create(ApiKeySecret.hash(secret), name, by.tenant(), roles, expiresAt, by.name(), now);
        audit.record(AuditOperation.KEY_CREATE, "keys/" + key.id(), OptionalInt.empty());
        return new Issued(key, secret);
    }

    public List<ApiKey> list(Caller by) {
        return keys.list(by.tenant());
    }

    /**
     * Revokes the caller's tenant's key {@code id}: refused from the next request on by this replica,
     * whose {@link KeyCache} forgets it once the revocation is committed (forgotten earlier, a request
     * could read the row still unrevoked and cache it again). Empty when the tenant has no such key.
     */
    @Transactional
    public Optional<ApiKey> revoke(Caller by, long id) {
        Optional<ApiKey> revoked = keys.revoke(by.tenant(), id, clock.instant());
        revoked.ifPresent(k -> audit.record(AuditOperation.KEY_REVOKE, "keys/" + k.id(), OptionalInt.empty()));
        revoked.ifPresent(k -> transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) cache.forget(k.id());
            }
        }));
        return revoked;
    }
}
