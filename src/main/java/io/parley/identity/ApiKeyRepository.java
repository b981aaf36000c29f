package io.parley.identity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Where API keys are kept (store/ApiKeyStore); each call joins the caller's transaction, or runs in one of its own. */
public interface ApiKeyRepository {

    /** The key whose secret has this SHA-256 hash, whatever its state. */
    Optional<ApiKey> byHash(String secretHash);

    ApiKey create(String secretHash, String name, String tenant, Set<Role> roles, Optional<Instant> expiresAt,
                  String createdBy, Instant at);

    List<ApiKey> list(String tenant);

    Optional<ApiKey> find(String tenant, long id);

    /** Revokes the tenant's key {@code id}; empty when the tenant has no such key. Revoking twice keeps the first time. */
    Optional<ApiKey> revoke(String tenant, long id, Instant at);

    void markUsed(long id, Instant at);

    /** Whether any usable administrator key exists in {@code tenant}. */
    boolean hasAdministrator(String tenant, Instant now);
}
