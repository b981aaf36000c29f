package io.parley.plan;

import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Creating writes made at most once per Idempotency-Key: the first request's answer is kept in the
 * transaction that writes, so it is kept exactly when the write is; a retry with the same key and
 * request is given that answer again and writes nothing. The same key with another request is
 * refused ({@link IdempotencyKeyException.Reused}), and so is a retry while the first is still being
 * handled ({@link IdempotencyKeyException.InFlight}). Keys are forgotten after {@link #LIFETIME}.
 */
@ApplicationScoped
public class IdempotentWrites {

    /** How long an answer is kept: a day covers a client's retries after an outage and a night's batch. */
    public static final Duration LIFETIME = Duration.ofHours(24);
    /** How often expired keys are swept out: often enough that the table holds about a day of keys. */
    static final Duration SWEEP_EVERY = Duration.ofHours(1);

    private final IdempotencyKeys keys;
    /** Keys whose first request this instance is handling; another instance's wait at the key's row lock. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicReference<Instant> lastSweep = new AtomicReference<>(Instant.EPOCH);

    IdempotentWrites(IdempotencyKeys keys) {
        this.keys = keys;
    }

    /**
     * The answer to the request under {@code key}: the kept one when the key was seen with this
     * request, else {@code answer} of what {@code write} wrote, kept in the same transaction.
     * {@code write} joins that transaction; an exception from it or from {@code answer} keeps nothing.
     */
    public <T> KeptAnswer once(IdempotencyKey key, Supplier<T> write, Function<T, KeptAnswer> answerTo) {
        String slot = key.caller() + '\n' + key.key();
        if (!inFlight.add(slot)) throw new IdempotencyKeyException.InFlight(key.key());
        try {
            KeptAnswer answer = Deadlocks.retry(() -> QuarkusTransaction.requiringNew().call(() -> {
                Instant now = now();
                Optional<KeptAnswer> earlier = earlier(key, now);
                if (earlier.isPresent()) return earlier.get();
                keys.claim(key, now);
                KeptAnswer first = answerTo.apply(write.get());
                keys.keep(key, first);
                return first;
            }));
            sweepNowAndThen();
            return answer;
        } catch (RuntimeException e) {
            // another instance claimed the key first and has committed: its answer is the answer
            if (!isDuplicate(e)) throw e;
            return QuarkusTransaction.requiringNew().call(() -> earlier(key, now()))
                    .orElseThrow(() -> new IdempotencyKeyException.InFlight(key.key()));
        } finally {
            inFlight.remove(slot);
        }
    }

    /** The answer kept for this key and request; a 422's exception for another request; empty when none or expired. */
    private Optional<KeptAnswer> earlier(IdempotencyKey key, Instant now) {
        Optional<IdempotencyKeys.Kept> kept = keys.kept(key.caller(), key.key());
        if (kept.isEmpty()) return Optional.empty();
        if (kept.get().keptAt().isBefore(now.minus(LIFETIME))) {
            keys.forget(key.caller(), key.key());
            return Optional.empty();
        }
        if (!kept.get().fingerprint().equals(key.fingerprint())) throw new IdempotencyKeyException.Reused(key.key());
        return Optional.of(kept.get().answer());
    }

    /** Best effort, after an answer was kept: a sweep that fails is done at the next chance. */
    private void sweepNowAndThen() {
        Instant now = now();
        Instant last = lastSweep.get();
        if (last.isAfter(now.minus(SWEEP_EVERY)) || !lastSweep.compareAndSet(last, now)) return;
        try {
            QuarkusTransaction.requiringNew().run(() -> keys.forgetKeptBefore(now.minus(LIFETIME)));
        } catch (RuntimeException e) {
            lastSweep.set(last);
        }
    }

    private static boolean isDuplicate(Throwable e) {
        // suppressed too: a failed commit hangs the driver's error there (see Causes)
        return Causes.of(e).stream().anyMatch(SQLIntegrityConstraintViolationException.class::isInstance);
    }

    /** Microseconds: what TIMESTAMP(6) keeps. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
