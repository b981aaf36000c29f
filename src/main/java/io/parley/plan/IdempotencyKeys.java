package io.parley.plan;

import java.time.Instant;
import java.util.Optional;

/** Where kept answers live: the port {@code store} implements. Callers hold the transaction. */
public interface IdempotencyKeys {

    /** What is kept under a caller's key: the request's fingerprint, the answer and when it was kept. */
    record Kept(String fingerprint, KeptAnswer answer, Instant keptAt) {
    }

    Optional<Kept> kept(String caller, String key);

    /**
     * Claims the key in this transaction: a concurrent claim of the same key elsewhere waits for this
     * transaction and then fails as a duplicate.
     */
    void claim(IdempotencyKey key, Instant at);

    /** Keeps the answer under a key this transaction claimed. */
    void keep(IdempotencyKey key, KeptAnswer answer);

    /** Forgets one key (its answer expired). */
    void forget(String caller, String key);

    /** Forgets every key kept before {@code before}; how many. */
    int forgetKeptBefore(Instant before);
}
