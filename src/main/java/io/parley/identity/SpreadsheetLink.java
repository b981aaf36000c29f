package io.parley.identity;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;

/**
 * A spreadsheet link as stored (its token only as a hash): a read-only caller of one plan, or of one
 * scenario of it, until it expires or is revoked.
 */
public record SpreadsheetLink(long id, String tenant, LinkScope scope, Instant createdAt, String createdBy,
                              Optional<Instant> expiresAt, Optional<Instant> revokedAt) {

    /** Whether the link is accepted at {@code now}: not revoked, not expired. */
    public boolean usableAt(Instant now) {
        return revokedAt.isEmpty() && expiresAt.map(now::isBefore).orElse(true);
    }

    /** The caller a request with this link acts as: a viewer of its tenant, held to the link's scope. */
    public Caller caller() {
        return new Caller("link:" + id, "spreadsheet link " + id + " (by " + createdBy + ")", tenant,
                EnumSet.of(Role.VIEWER), Optional.of(scope));
    }
}
