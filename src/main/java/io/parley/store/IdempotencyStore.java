package io.parley.store;

import java.sql.Clob;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.parley.identity.Tenancy;
import io.parley.plan.IdempotencyKey;
import io.parley.plan.IdempotencyKeys;
import io.parley.plan.KeptAnswer;

/**
 * Kept answers of creating requests in the table {@code idempotency_key}, one row per caller and key.
 * A claimed key's row holds status 0 until its answer is kept, in the same transaction.
 */
@ApplicationScoped
public class IdempotencyStore implements IdempotencyKeys {

    private final EntityManager entities;
    private final Tenancy tenancy;

    public IdempotencyStore(EntityManager entities, Tenancy tenancy) {
        this.entities = entities;
        this.tenancy = tenancy;
    }

    @Override
    public Optional<Kept> kept(String caller, String key) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entities.createNativeQuery("SELECT fingerprint, status, location, etag, body, kept_at "
                        + "FROM idempotency_key WHERE caller = ?1 AND idempotency_key = ?2")
                .setParameter(1, caller).setParameter(2, key).getResultList();
        return rows.stream().findFirst().map(r -> new Kept((String) r[0],
                new KeptAnswer(((Number) r[1]).intValue(), (String) r[2], (String) r[3], text(r[4])), instant(r[5])));
    }

    @Override
    public void claim(IdempotencyKey key, Instant at) {
        entities.createNativeQuery("INSERT INTO idempotency_key (caller, idempotency_key, fingerprint, status, body, kept_at, "
                        + "tenant) VALUES (?1, ?2, ?3, 0, '', ?4, ?5)")
                .setParameter(1, key.caller()).setParameter(2, key.key()).setParameter(3, key.fingerprint())
                .setParameter(4, Timestamp.from(at)).setParameter(5, tenancy.current()).executeUpdate();
    }

    @Override
    public void keep(IdempotencyKey key, KeptAnswer answer) {
        entities.createNativeQuery("UPDATE idempotency_key SET status = ?1, location = ?2, etag = ?3, body = ?4 "
                        + "WHERE caller = ?5 AND idempotency_key = ?6")
                .setParameter(1, answer.status()).setParameter(2, answer.location()).setParameter(3, answer.etag())
                .setParameter(4, answer.body()).setParameter(5, key.caller()).setParameter(6, key.key()).executeUpdate();
    }

    @Override
    public void forget(String caller, String key) {
        entities.createNativeQuery("DELETE FROM idempotency_key WHERE caller = ?1 AND idempotency_key = ?2")
                .setParameter(1, caller).setParameter(2, key).executeUpdate();
    }

    @Override
    public int forgetKeptBefore(Instant before) {
        return entities.createNativeQuery("DELETE FROM idempotency_key WHERE kept_at < ?1")
                .setParameter(1, Timestamp.from(before)).executeUpdate();
    }

    /** LONGTEXT reads back as a String or, on some drivers, a Clob. */
    private static String text(Object value) {
        try {
            return value instanceof Clob clob ? clob.getSubString(1, (int) clob.length()) : (String) value;
        } catch (SQLException e) {
            throw new IllegalStateException("a kept answer cannot be read", e);
        }
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp t) return t.toInstant();
        if (value instanceof Instant i) return i;
        if (value instanceof LocalDateTime l) return Timestamp.valueOf(l).toInstant();
        if (value instanceof OffsetDateTime o) return o.toInstant();
        throw new IllegalStateException("kept_at read back as " + value.getClass().getSimpleName());
    }
}
