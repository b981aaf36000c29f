package io.parley.api;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.StreamingOutput;

import io.micrometer.core.annotation.Counted;
import io.parley.engine.CompiledScenario;
import io.parley.engine.Cost;
import io.parley.engine.Work;
import io.parley.ops.ParleyConfig;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Admission for the requests that keep cores busy for seconds (sweeps, simulations, optimisation,
 * streamed or buffered): at most a configured number run at once, so a burst queues briefly and is
 * then told to come back (503 with Retry-After) instead of every request slowing to a crawl or running
 * the heap out. Each admitted request's work is watched: when its client goes away the work is stopped
 * (its next evaluation throws), so nothing computes for nobody and the slot is free again at once.
 */
@ApplicationScoped
public class HeavyWork {

    /**
     * How often open requests are checked for a client that went away: the work stops within this
     * (plus one evaluation) of the connection closing, well inside the second the issue allows.
     */
    static final long WATCH_MILLIS = 100;

    /**
     * Watch rounds a stream's slot is held after its response ended or its connection closed without
     * the stream ever starting to write (a failure between the resource and the writer): then it is freed.
     */
    private static final int UNSTARTED_ROUNDS = 10;

    private final Semaphore permits;
    private final ParleyConfig.Limits limits;
    private final CurrentVertxRequest current;
    private final ComputeQuota quota;
    private final Set<Permit> admitted = ConcurrentHashMap.newKeySet();
    private final AtomicLong reservedBytes = new AtomicLong();
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread t = new Thread(task, "parley-heavy-work-watch");
        t.setDaemon(true);
        return t;
    });

    private final DryRun dryRun;

    public HeavyWork(ParleyConfig config, CurrentVertxRequest current, ComputeQuota quota, DryRun dryRun) {
        this.limits = config.limits();
        this.current = current;
        this.quota = quota;
        this.dryRun = dryRun;
        int n = limits.heavyRequests() > 0 ? limits.heavyRequests() : Runtime.getRuntime().availableProcessors();
        this.permits = new Semaphore(n, true);
        watcher.scheduleWithFixedDelay(this::watch, WATCH_MILLIS, WATCH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * A slot held while one heavy request runs, and the work it runs: closing it (once) lets the next
     * one in. Scenarios evaluated for the request are bound to its work with {@link #watch}.
     */
    public final class Permit implements AutoCloseable {
        private final AtomicBoolean open = new AtomicBoolean(true);
        private final Work work = new Work();
        /** The response of the request that holds the slot; null outside an HTTP request. */
        private final WatchedResponse response;
        /** Whether this holds one of the slots; light work is watched without one. */
        private final boolean slot;
        /** Heap reserved for this request, given back when it ends. */
        private volatile long bytes;
        private volatile boolean streamPending;
        private int unstartedRounds;

        private Permit(HttpServerRequest request, boolean slot) {
            this.response = request == null ? null : new WatchedResponse(request);
            this.slot = slot;
        }

        /** What the caller was charged at admission, to {@link #settle}; null once settled or for none. */
        private ComputeQuota.Charge charge;
        private Cost charged;

        private void charged(ComputeQuota.Charge charge, Cost cost) {
            this.charge = charge;
            this.charged = cost;
        }

        /**
         * Charges the caller what the work evaluated rather than the worst case it was admitted at,
         * giving back the rest: for work whose worst case is far above what it does (a goal seek may
         * take 17,154 evaluations, and takes a few hundred). Call it once the work has ended.
         */
        public void settle() {
            if (charge == null) return;
            long used = new Cost(work.evaluations(), charged.productPeriods()).units();
            if (used < charged.units()) charge.giveBack(charged.units() - used);
            charge = null;
        }

        /** The scenario evaluated as this request's work: it stops when the client goes away. */
        public CompiledScenario watch(CompiledScenario compiled) {
            return compiled.watchedBy(work);
        }

        /** The work this slot runs. */
        Work work() {
            return work;
        }

        /**
         * A streamed answer that holds this slot while it writes and frees it when it ends, however it
         * ends. Stopped work ends the stream unfinished (ProblemMappers notes it; the response is cut).
         */
        StreamingOutput stream(StreamingOutput body) {
            streamPending = true;
            return out -> {
                streamPending = false;
                try {
                    body.write(response == null ? out : response.writes(out));
                } finally {
                    close();
                }
            };
        }

        @Override
        public void close() {
            if (open.compareAndSet(true, false)) {
                admitted.remove(this);
                reservedBytes.addAndGet(-bytes);
                if (slot) permits.release();
            }
        }

        /** One watch round: stop the work of a client that went away; free a stream's slot it never used. */
        private void check() {
            WatchedResponse.State seen = response == null ? null : response.state();
            if (seen == null) return; // not a request, or a write under way (woken to see a closed connection)
            if (seen.closed()) work.stop(Work.Reason.CLIENT_GONE);
            if (streamPending && (seen.closed() || seen.ended()) && ++unstartedRounds >= UNSTARTED_ROUNDS) close();
        }
    }

    /**
     * Admits a request by its cost: over the ceiling it is refused (422 at {@code pointer}, naming the
     * ceiling); then it is charged to its caller's budget (429 past it, ComputeQuota); light work is
     * watched without a slot; anything else waits briefly for one.
     */
    public Permit admit(String pointer, Cost cost) {
        refuseOverCeiling(pointer, cost);
        ComputeQuota.Charge charge = quota.charge(cost);
        Permit permit = cost.units() <= limits.lightCostUnits() ? admitted(new Permit(currentRequest(), false)) : acquire(charge);
        permit.charged(charge, cost);
        return permit;
    }

    /**
     * Admits one of the heavy kinds (sweeps, simulations, streams): within the ceiling, charged up
     * front by its whole cost (a stream too, whether or not its client reads it to the end), always with a slot.
     */
    public Permit admitHeavy(String pointer, Cost cost) {
        refuseOverCeiling(pointer, cost);
        return acquire(quota.charge(cost));
    }

    /**
     * Admits heavy work that holds {@code bytes} of heap while it runs: more than the share of the heap
     * one request may hold is a 422 at {@code pointer} naming that share; more than is free of it now
     * (other runs hold the rest) is a 503 to retry, so the heap is not run out instead.
     */
    public Permit admitHeavy(String pointer, Cost cost, long bytes, String what) {
        long budget = heapBudget();
        if (bytes > budget) {
            throw Problem.overLimit(pointer, "bytes of heap " + what + " holds (the service's heap allows "
                    + budget + " for all its runs together; ask for fewer samples, levers or metrics, or stream the samples raw)",
                    bytes, budget);
        }
        refuseOverCeiling(pointer, cost);
        ComputeQuota.Charge charge = quota.charge(cost);
        Permit permit = acquire(charge);
        if (reservedBytes.addAndGet(bytes) > budget) {
            reservedBytes.addAndGet(-bytes);
            permit.close();
            charge.refund();
            throw Problem.of(Problem.Kind.BUSY)
                    .detail("the heap other runs hold leaves too little for this one; retry in " + limits.retryAfterSeconds() + " s")
                    .exception(limits.retryAfterSeconds());
        }
        permit.bytes = bytes;
        return permit;
    }

    /** Bytes of heap the heavy work admitted at once may hold together: a share of the heap the JVM may grow to. */
    long heapBudget() {
        return (long) (Runtime.getRuntime().maxMemory() * limits.heapShare());
    }

    private void refuseOverCeiling(String pointer, Cost cost) {
        if (cost.units() > limits.maxCostUnits()) {
            throw Problem.overLimit(pointer, "work in one request, in evaluations × product-periods ("
                    + cost.evaluations() + " evaluations of a scenario of " + cost.productPeriods()
                    + " product-periods; ask for fewer evaluations, or split the work into shards or smaller scenarios)",
                    cost.units(), limits.maxCostUnits());
        }
        stopIfDryRun(); // every admission rule has passed; a dry run is neither charged nor given a slot
    }

    /**
     * Waits briefly for a slot; a saturated service answers 503 with Retry-After, and gives the
     * caller back what it was charged, since its work did not run.
     */
    @Counted(value = "parley.heavy.work", description = "Heavy requests admitted (result=success) and refused busy (result=failure)")
    Permit acquire(ComputeQuota.Charge charge) {
        try {
            if (permits.tryAcquire(limits.heavyWaitMillis(), TimeUnit.MILLISECONDS)) {
                return admitted(new Permit(currentRequest(), true));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        charge.refund();
        throw Problem.of(Problem.Kind.BUSY)
                .detail("every slot for heavy work is taken; retry in " + limits.retryAfterSeconds() + " s")
                .exception(limits.retryAfterSeconds());
    }

    /** A request sent to be checked, not run (a job's at submit time), ends here with 204: every rule has passed. */
    private void stopIfDryRun() {
        try {
            RoutingContext context = current.getCurrent();
            if (context != null && dryRun.asked(context.request().getHeader(DryRun.HEADER))) throw new DryRun.Checked();
        } catch (IllegalStateException | UnsupportedOperationException e) {
            // no request context: a batch run or a test calling in directly
        }
    }

    private Permit admitted(Permit permit) {
        admitted.add(permit);
        return permit;
    }

    private HttpServerRequest currentRequest() {
        try {
            RoutingContext context = current.getCurrent();
            return context == null ? null : context.request();
        } catch (RuntimeException e) {
            return null; // no request context: a batch run or a test calling in directly
        }
    }

    private void watch() {
        for (Permit permit : admitted) {
            try {
                permit.check();
            } catch (RuntimeException e) {
                // one odd response must not stop the watch of the others
            }
        }
    }

    /** Permits free now (for tests and health). */
    int available() {
        return permits.availablePermits();
    }

    /** The work of every admitted request still holding its slot (for tests). */
    Set<Work> running() {
        Set<Work> works = ConcurrentHashMap.newKeySet();
        admitted.forEach(p -> works.add(p.work()));
        return works;
    }

    /** Takes every free permit, as a test of saturation does; returns how many. */
    int drain() {
        return permits.drainPermits();
    }

    void release(int n) {
        permits.release(n);
    }

    /** Stops the work of every admitted request, each then ending within one evaluation. */
    void stopAll(Work.Reason reason) {
        admitted.forEach(permit -> permit.work().stop(reason));
    }

    /**
     * On shutdown, after Quarkus has let in-flight requests finish for {@code quarkus.shutdown.timeout}:
     * whatever still computes is stopped instead of holding the process until it is killed.
     */
    @PreDestroy
    void stop() {
        stopAll(Work.Reason.SHUTTING_DOWN);
        watcher.shutdownNow();
    }
}
