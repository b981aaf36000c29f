package io.parley.identity;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Records every write (issue 14 item 6) in the write's own transaction, so an entry exists exactly
 * when the write committed, and reads a tenant's entries back for its administrators, newest first.
 * Who and from where come from the request's {@link CurrentCaller}; a write outside a request
 * (start-up, a batch mode) is recorded as {@link #SYSTEM} of the tenant at hand.
 */
@ApplicationScoped
public class AuditTrail {

    /** Entries per page unless the reader asks for fewer or more. */
    public static final int DEFAULT_PAGE = 100;
    /** At most this many entries per page: a page is built in memory, and a day's writes of a busy tenant fit in a few. */
    public static final int MAX_PAGE = 1000;
    /** Who an entry names for a write no caller made. */
    static final String SYSTEM = "system";

    /** One page of entries, newest first, and the cursor of the next (older) page when there is one. */
    public record Page(List<AuditEntry> entries, OptionalLong nextBefore) {
    }

    private final AuditRepository entries;
    private final CurrentCaller current;
    private final Tenancy tenancy;
    private final Clock clock;

    @Inject
    public AuditTrail(AuditRepository entries, CurrentCaller current, Tenancy tenancy) {
        this(entries, current, tenancy, Clock.systemUTC());
    }

    AuditTrail(AuditRepository entries, CurrentCaller current, Tenancy tenancy, Clock clock) {
        this.entries = entries;
        this.current = current;
        this.tenancy = tenancy;
        this.clock = clock;
    }

    /**
     * Records a write; joins the transaction that makes it, and refuses to run without one, so no write
     * can be recorded that might not commit, nor commit without its entry.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(AuditOperation operation, String target, OptionalInt revision) {
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Optional<Caller> caller = caller();
        String tenant = caller.map(Caller::tenant).orElseGet(() -> tenancy.current());
        entries.append(new AuditEntry(0, tenant, at, caller.map(Caller::subject).orElse(SYSTEM),
                caller.map(Caller::name).orElse(SYSTEM), operation.apiName(), target, revision, clientAddress()));
    }

    /**
     * The reader's tenant's entries, newest first.
     *
     * @param since  only entries at or after this instant
     * @param before only entries older than the entry with this id (a page's {@code nextBefore})
     * @param limit  1 to {@link #MAX_PAGE}
     */
    public Page read(Caller reader, Optional<Instant> since, OptionalLong before, int limit) {
        if (limit < 1 || limit > MAX_PAGE) throw new IllegalArgumentException("limit " + limit + " is not within 1–" + MAX_PAGE);
        List<AuditEntry> found = entries.newestFirst(reader.tenant(), since, before, limit + 1);
        if (found.size() <= limit) return new Page(found, OptionalLong.empty());
        List<AuditEntry> page = found.subList(0, limit);
        return new Page(List.copyOf(page), OptionalLong.of(page.get(limit - 1).id()));
    }

    private Optional<Caller> caller() {
        try {
            return current.get();
        } catch (ContextNotActiveException outsideARequest) {
            return Optional.empty();
        }
    }

    private Optional<String> clientAddress() {
        try {
            return current.clientAddress();
        } catch (ContextNotActiveException outsideARequest) {
            return Optional.empty();
        }
    }
}
