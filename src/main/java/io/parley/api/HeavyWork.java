package io.parley.api;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Admission for the requests that keep cores busy for seconds (sweeps, simulations, optimisation):
 * at most a configured number run at once, so a burst queues briefly and is then told to come back
 * (503 with Retry-After) instead of every request slowing to a crawl or running the heap out.
 */
@ApplicationScoped
public class HeavyWork {

    private final Semaphore permits;
    private final ParleyConfig.Limits limits;

    public HeavyWork(ParleyConfig config) {
        this.limits = config.limits();
        int n = limits.heavyRequests() > 0 ? limits.heavyRequests() : Runtime.getRuntime().availableProcessors();
        this.permits = new Semaphore(n, true);
    }

    /** A permit held while one heavy request runs; closing it (once) lets the next one in. */
    public final class Permit implements AutoCloseable {
        private final AtomicBoolean open = new AtomicBoolean(true);

        @Override
        public void close() {
            if (open.compareAndSet(true, false)) permits.release();
        }
    }

    /** Waits briefly for a permit; a saturated service answers 503 with Retry-After. */
    @io.micrometer.core.annotation.Counted(value = "parley.heavy.work", description = "Heavy requests admitted (result=success) and refused busy (result=failure)")
    public Permit acquire() {
        try {
            if (permits.tryAcquire(limits.heavyWaitMillis(), TimeUnit.MILLISECONDS)) {
                return new Permit();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw Problem.of(Problem.Kind.BUSY)
                .detail("every slot for heavy work is taken; retry in " + limits.retryAfterSeconds() + " s")
                .exception(limits.retryAfterSeconds());
    }

    /** Permits free now (for tests and health). */
    int available() {
        return permits.availablePermits();
    }

    /** Takes every free permit, as a test of saturation does; returns how many. */
    int drain() {
        return permits.drainPermits();
    }

    void release(int n) {
        permits.release(n);
    }
}
