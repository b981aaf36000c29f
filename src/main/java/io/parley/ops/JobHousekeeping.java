package io.parley.ops;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.parley.jobs.Jobs;
import io.parley.jobs.JobsConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

import jakarta.enterprise.event.Observes;

/**
 * Jobs' upkeep on every replica: answers past their keeping time are deleted (parley.jobs.keep-results),
 * and the queue is measured for Prometheus: {@code parley_jobs_unfinished} (queued or running) and
 * {@code parley_jobs_oldest_queued_seconds} (how long the oldest queued job has waited).
 */
@ApplicationScoped
public class JobHousekeeping {

    private static final Logger LOG = Logger.getLogger(JobHousekeeping.class);

    private final Jobs jobs;
    private final JobsConfig config;

    public JobHousekeeping(Jobs jobs, JobsConfig config) {
        this.jobs = jobs;
        this.config = config;
    }

    /** A chunk of a shard's answer that the database could not take stops the start, not the first job. */
    void checkChunks(@Observes StartupEvent start) {
        jobs.checkChunks(config.answerChunkBytes());
    }

    void meters(@Observes StartupEvent start, MeterRegistry registry) {
        Gauge.builder("parley.jobs.unfinished", jobs, j -> safely(j::unfinished))
                .description("Jobs queued or running, on every replica together").register(registry);
        Gauge.builder("parley.jobs.oldest.queued", jobs, j -> safely(j::oldestQueuedSeconds)).baseUnit("seconds")
                .description("How long the oldest queued job has waited").register(registry);
    }

    @Scheduled(every = "${parley.jobs.expire-every:10m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expire() {
        int deleted = jobs.expire();
        if (deleted > 0) LOG.infof("deleted %d expired jobs and their answers", deleted);
    }

    /** Shards lost with a replica that was stopped while it ran them run again here (Jobs.recoverLostShards). */
    @Scheduled(every = "${parley.jobs.recover-every:15s}", delay = 5, delayUnit = TimeUnit.SECONDS,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void recover() {
        int requeued = jobs.recoverLostShards();
        if (requeued > 0) LOG.infof("queued %d shards again that a stopped replica had been running", requeued);
    }

    /** A gauge read while the store is down is no number, not a failed scrape. */
    private static double safely(java.util.function.DoubleSupplier read) {
        try {
            return read.getAsDouble();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
