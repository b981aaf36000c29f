package io.parley.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.parley.identity.AuditEntry;
import io.parley.identity.AuditRepository;
import io.quarkus.hibernate.orm.panache.PanacheRepository;

/** The audit trail in the table {@code audit_entry}: appended in the writer's transaction, read in one of its own. */
@ApplicationScoped
public class AuditStore implements PanacheRepository<AuditEntryEntity>, AuditRepository {

    /** The columns' widths (V8): a longer caller name or address is cut, not a reason to fail the write it records. */
    private static final int NAME = 255;
    private static final int ADDRESS = 64;

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public AuditEntry append(AuditEntry entry) {
        AuditEntryEntity e = new AuditEntryEntity();
        e.tenant = entry.tenant();
        e.at = entry.at();
        e.callerSubject = cut(entry.subject(), NAME);
        e.callerName = cut(entry.name(), NAME);
        e.operation = entry.operation();
        e.target = entry.target();
        e.revision = entry.revision().isPresent() ? entry.revision().getAsInt() : null;
        e.clientAddress = entry.clientAddress().map(a -> cut(a, ADDRESS)).orElse(null);
        persist(e);
        return view(e);
    }

    @Override
    @Transactional
    public List<AuditEntry> newestFirst(String tenant, Optional<Instant> since, OptionalLong before, int limit) {
        StringBuilder query = new StringBuilder("tenant = :tenant");
        Map<String, Object> parameters = new HashMap<>(Map.of("tenant", tenant));
        since.ifPresent(s -> {
            query.append(" and at >= :since");
            parameters.put("since", s);
        });
        if (before.isPresent()) {
            query.append(" and id < :before");
            parameters.put("before", before.getAsLong());
        }
        query.append(" order by id desc");
        List<AuditEntry> out = new ArrayList<>();
        find(query.toString(), parameters).range(0, limit - 1).stream().forEach(e -> out.add(view(e)));
        return out;
    }

    private static String cut(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length);
    }

    private static AuditEntry view(AuditEntryEntity e) {
        return new AuditEntry(e.id, e.tenant, e.at, e.callerSubject, e.callerName, e.operation, e.target,
                e.revision == null ? OptionalInt.empty() : OptionalInt.of(e.revision), Optional.ofNullable(e.clientAddress));
    }
}
