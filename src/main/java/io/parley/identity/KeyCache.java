package io.parley.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * API keys this replica has verified, by their secret's hash, each trusted for a short time
 * ({@link SecurityConfig#keyCacheTtl()}) before the store is asked again. A small evaluate spent more
 * than a third of its time looking its key up (docs/performance.md); a busy key now costs one lookup
 * per time-to-live.
 *
 * <p>What it gives up: a key revoked through another replica keeps working here until its entry is
 * older than the time-to-live. Revocation through this replica ({@link #forget(long)}) removes the
 * key at once, and no lookup that began before the revocation may put it back (a generation counter
 * checked under the same lock as the removal). Expiry is checked on every request against the key's
 * own {@code expiresAt}, so it is never late. Only usable keys are kept (an unknown secret is never
 * remembered, so guesses cannot fill it), and at most {@link #MAX_KEYS} of them.
 */
@ApplicationScoped
public class KeyCache {

    /** Keys kept at once: far more than the keys one tenant's systems use; past it the cache starts again empty. */
    static final int MAX_KEYS = 10_000;

    private record Entry(ApiKey key, Instant loadedAt) {
    }

    private final ConcurrentHashMap<String, Entry> byHash = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final Clock clock;
    /** Bumped by every revocation, under {@code this}: a lookup that saw an older one may not store its key. */
    private long generation;

    @Inject
    public KeyCache(SecurityConfig config) {
        this(config.keyCacheTtl(), Clock.systemUTC());
    }

    KeyCache(Duration ttl, Clock clock) {
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("parley.security.key-cache-ttl must not be negative, was " + ttl);
        }
        this.ttl = ttl;
        this.clock = clock;
    }

    /** A cache that keeps nothing: every request asks the store. */
    static KeyCache off() {
        return new KeyCache(Duration.ZERO, Clock.systemUTC());
    }

    boolean enabled() {
        return !ttl.isZero();
    }

    /**
     * The key whose secret has {@code hash}: from the cache while its entry is younger than the
     * time-to-live, else from {@code lookup} (the store), remembered when it is usable at {@code now}.
     * Whether it is usable is the caller's check, every time.
     */
    Optional<ApiKey> get(String hash, Instant now, Supplier<Optional<ApiKey>> lookup) {
        if (!enabled()) return lookup.get();
        Entry e = byHash.get(hash);
        if (isFresh(e)) return Optional.of(e.key());
        long seen = generation();
        Optional<ApiKey> found = lookup.get();
        if (found.filter(k -> k.usableAt(now)).isPresent()) put(hash, found.get(), seen);
        else if (e != null) byHash.remove(hash, e); // revoked or gone: its stale entry would only cost lookups
        return found;
    }

    /**
     * The key whose secret has {@code hash} while its entry is younger than the time-to-live, without
     * asking the store; empty when only {@link #get} can tell (no entry, a stale one, or the cache off).
     */
    Optional<ApiKey> fresh(String hash) {
        if (!enabled()) return Optional.empty();
        Entry e = byHash.get(hash);
        return isFresh(e) ? Optional.of(e.key()) : Optional.empty();
    }

    private boolean isFresh(Entry e) {
        return e != null && e.loadedAt().plus(ttl).isAfter(clock.instant());
    }

    /** Records that the key's last use was just written, so the next minute's requests do not write it again. */
    void used(String hash, ApiKey marked) {
        byHash.computeIfPresent(hash, (h, e) -> e.key().id() == marked.id() ? new Entry(marked, e.loadedAt()) : e);
    }

    /** Drops key {@code id} at once, and keeps any lookup already under way from putting it back. */
    public synchronized void forget(long id) {
        generation++;
        byHash.values().removeIf(e -> e.key().id() == id);
    }

    private synchronized long generation() {
        return generation;
    }

    private synchronized void put(String hash, ApiKey key, long seen) {
        if (seen != generation) return; // a revocation came between the lookup and now: ask again next time
        if (byHash.size() >= MAX_KEYS) byHash.clear();
        byHash.put(hash, new Entry(key, clock.instant()));
    }
}
