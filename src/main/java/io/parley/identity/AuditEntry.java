package io.parley.identity;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One write as the audit trail keeps it: who (the caller's subject, name and tenant), when, what (the
 * operation, its target and, for plan changes, the revision it made) and from where (the client's
 * address as the service saw it). Never a secret: keys and links are named by their id.
 *
 * @param target what was written, as a path below {@code /api/v1}: {@code plans/12},
 *               {@code plans/12/scenarios/3}, {@code plans/12/actuals/4}, {@code keys/7}, {@code plans/12/links/2}
 */
public record AuditEntry(long id, String tenant, Instant at, String subject, String name, String operation,
                         String target, OptionalInt revision, Optional<String> clientAddress) {

    public AuditEntry {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(clientAddress, "clientAddress");
    }
}
