package io.parley.identity;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A stored API key, without its secret (only the secret's hash is stored, and it is not part of this).
 *
 * @param id        the key's number, which names it in the API ({@code /api/v1/keys/{id}})
 * @param name      what it is for, chosen by its creator; revisions and the audit trail record it
 * @param tenant    the tenant whose data it reaches
 * @param roles     what it may do there
 * @param createdAt when it was created
 * @param createdBy who created it (a caller's name), or {@code bootstrap} for the first administrator key
 * @param expiresAt from when on it is refused; empty for a key that does not expire
 * @param revokedAt when an administrator revoked it; empty while it is not revoked
 * @param lastUsedAt when it last authenticated a request (to the minute); empty when never
 */
public record ApiKey(long id, String name, String tenant, Set<Role> roles, Instant createdAt, String createdBy,
                     Optional<Instant> expiresAt, Optional<Instant> revokedAt, Optional<Instant> lastUsedAt) {

    public ApiKey {
        Objects.requireNonNull(name, "name");
        roles = Set.copyOf(roles);
    }

    /** Whether it authenticates a request at {@code now}: not revoked, not expired. */
    public boolean usableAt(Instant now) {
        return revokedAt.isEmpty() && expiresAt.map(now::isBefore).orElse(true);
    }

    /** The caller it makes: named {@code key:<id>}, so two keys with one name stay apart. */
    public Caller caller() {
        return Caller.of("key:" + id, name, tenant, roles);
    }
}
