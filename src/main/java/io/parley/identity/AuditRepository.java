package io.parley.identity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Where the audit trail is kept (store/AuditStore). {@link #append} joins the caller's transaction. */
public interface AuditRepository {

    /** Adds an entry (its id is given by the store) in the transaction of the write it records. */
    AuditEntry append(AuditEntry entry);

    /**
     * The tenant's entries newest first: at or after {@code since} when given, with an id below
     * {@code before} when given (the cursor of the next page), at most {@code limit}.
     */
    List<AuditEntry> newestFirst(String tenant, Optional<Instant> since, OptionalLong before, int limit);
}
