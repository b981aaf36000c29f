package io.parley.api;

import io.parley.ops.ParleyConfig;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The one pool of threads that Monte Carlo and Sobol runs share: started once with the service
 * instead of once per request, sized by {@code parley.uncertainty.threads} (0: one per core).
 * HeavyWork bounds how many runs share it at once; a run's result does not depend on its threads.
 */
@ApplicationScoped
public class AnalysisThreads {

    private final ExecutorService pool;
    private final int threads;

    public AnalysisThreads(ParleyConfig config) {
        int configured = config.uncertainty().threads();
        this.threads = configured > 0 ? configured : Runtime.getRuntime().availableProcessors();
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, task -> {
            Thread t = new Thread(task, "parley-analysis-" + count.incrementAndGet());
            t.setDaemon(true); // never keeps the service from stopping
            return t;
        });
    }

    ExecutorService executor() {
        return pool;
    }

    /** The threads of the pool. */
    int count() {
        return threads;
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
