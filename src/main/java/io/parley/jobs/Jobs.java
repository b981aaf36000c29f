package io.parley.jobs;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.parley.model.InvalidInputException;
import io.parley.model.Violation;
import io.parley.plan.IdempotencyKey;
import io.parley.plan.IdempotencyKeyException;

/**
 * The jobs of every tenant: submitted, queued shard by shard for any replica, run, cancelled, expired.
 * The shell reads the request and calls one of these; ops/ runs the shards and calls back.
 */
@ApplicationScoped
public class Jobs {

    /** Most shards one job is split into: the synchronous endpoints' own ceiling on {@code shards}. */
    public static final int MAX_SHARDS = 1000;
    /** Attempts a shard gets when its replica fails or is busy, before the job fails. */
    public static final int MAX_ATTEMPTS = 5;

    private final JobRepository store;
    private final ShardQueue queue;
    private final Duration keep;
    private final Optional<String> callbackSecret;
    private final Clock clock;

    @Inject
    public Jobs(JobRepository store, ShardQueue queue, JobsConfig config) {
        this(store, queue, config.keepResults(), config.callbackSecret(), Clock.systemUTC());
    }

    Jobs(JobRepository store, ShardQueue queue, Duration keep, Optional<String> callbackSecret, Clock clock) {
        this.store = store;
        this.queue = queue;
        this.keep = keep;
        this.callbackSecret = callbackSecret.filter(s -> !s.isBlank());
        this.clock = clock;
    }

    /**
     * What a client submits: the operation, the body its endpoint takes, the media type of the answer
     * it wants, how many shards, and where to say it has finished.
     */
    public record Submission(Operation operation, String mediaType, String request, int shards, Optional<String> callbackUrl) {
    }

    /** A job submitted now, or found again by its Idempotency-Key ({@code created} false). */
    public record Submitted(Job job, boolean created) {
    }

    /**
     * Checks a submission's own rules (the embedded request is the endpoint's to check): a media type
     * the operation answers in, shards only where shard answers join into the whole, a callback only
     * where it can be signed.
     *
     * @throws InvalidInputException naming every rule broken, at pointers of the submitted document
     */
    public void check(Operation operation, String mediaType, int shards, Optional<String> callbackUrl) {
        List<Violation> broken = new ArrayList<>();
        if (!operation.mediaTypes().contains(mediaType)) {
            broken.add(new Violation("/accept", operation.operationId + " answers in " + String.join(", ", operation.mediaTypes()), mediaType));
        }
        if (shards < 1 || shards > MAX_SHARDS) {
            broken.add(new Violation("/shards", "must be 1–" + MAX_SHARDS, shards));
        } else if (shards > 1 && !operation.shardsAs(mediaType)) {
            broken.add(new Violation("/shards", "only the rows of sweepAnalysis and the raw samples of monteCarloAnalysis, "
                    + "as text/csv or application/x-ndjson, are split into shards; give 1 for this job", shards));
        }
        callbackUrl.ifPresent(url -> {
            if (!url.startsWith("https://") && !url.startsWith("http://")) {
                broken.add(new Violation("/callbackUrl", "must be an absolute http or https URL", url));
            } else if (url.length() > 2000) {
                broken.add(new Violation("/callbackUrl", "must be at most 2000 characters", url.length()));
            } else if (callbackSecret.isEmpty()) {
                broken.add(new Violation("/callbackUrl", "this service has no callback secret configured "
                        + "(parley.jobs.callback-secret), so it cannot sign a callback; poll the job instead", url));
            }
        });
        if (!broken.isEmpty()) throw new InvalidInputException(broken);
    }

    /**
     * Stores a job and queues its shards in one transaction (Quartz's store joins it), so a job is never
     * stored without its shards queued, nor queued without being stored. A repeated Idempotency-Key with
     * the same body finds the first job; with another body it is refused.
     */
    @Transactional
    public Submitted submit(String tenant, String createdBy, Submission s, Optional<String> idempotencyKey, byte[] body) {
        check(s.operation(), s.mediaType(), s.shards(), s.callbackUrl());
        String fingerprint = fingerprint(body);
        if (idempotencyKey.isPresent()) {
            Optional<Job> first = repeated(tenant, createdBy, idempotencyKey.get(), body);
            if (first.isPresent()) return new Submitted(first.get(), false);
        }
        Job job = new Job("job-" + UUID.randomUUID(), tenant, createdBy, s.operation(), s.mediaType(), s.request(),
                s.shards(), 0, JobState.QUEUED, s.callbackUrl(), fingerprint, Optional.empty(), now(),
                Optional.empty(), Optional.empty(), Optional.empty());
        store.create(job, idempotencyKey);
        queue.enqueue(job.id(), job.shards());
        return new Submitted(job, true);
    }

    /**
     * The job first submitted with {@code idempotencyKey} by the same caller, when {@code body} is the
     * same request; nothing when the key is new.
     *
     * @throws IdempotencyKeyException.Reused when the key came with another request
     */
    public Optional<Job> repeated(String tenant, String createdBy, String idempotencyKey, byte[] body) {
        Optional<Job> first = store.byIdempotencyKey(tenant, createdBy, idempotencyKey);
        if (first.isPresent() && !first.get().fingerprint().equals(fingerprint(body))) {
            throw new IdempotencyKeyException.Reused(idempotencyKey);
        }
        return first;
    }

    private static String fingerprint(byte[] body) {
        return IdempotencyKey.of(IdempotencyKey.ANONYMOUS, "job", "POST /api/v1/jobs", body).fingerprint();
    }

    public Optional<Job> find(String tenant, String id) {
        return store.find(tenant, id);
    }

    /**
     * Cancels a job that has not finished: shards not started leave the queue, and replicas running one
     * see the state within their watch interval and stop. A finished job stays as it is.
     */
    @Transactional
    public Optional<Job> cancel(String tenant, String id) {
        Optional<Job> job = store.find(tenant, id);
        if (job.isEmpty() || job.get().state().finished()) return job;
        Instant at = now();
        if (store.end(id, JobState.CANCELLED, Optional.empty(), at, at.plus(keep))) queue.dequeue(id, job.get().shards());
        return store.find(tenant, id);
    }

    /** Job {@code id} whatever its tenant: for the replica running one of its shards. */
    public Optional<Job> find(String id) {
        return store.find(id);
    }

    /** Claims shard {@code shard} for this replica: its attempt number, or nothing to run (done, or the job ended). */
    public OptionalInt start(String id, int shard) {
        return store.startShard(id, shard, now());
    }

    /** True while job {@code id} still wants its shards run (not cancelled, failed or gone). */
    public boolean wanted(String id) {
        return store.find(id).map(j -> !j.state().finished()).orElse(false);
    }

    /** Keeps a shard's answer; answers the job when this finished it (its last shard), to call back. */
    public Optional<Job> finish(String id, int shard, byte[] answer) {
        Instant at = now();
        return store.finishShard(id, shard, answer, at, at.plus(keep)).filter(j -> j.state() == JobState.SUCCEEDED);
    }

    /** Fails the job with the problem one shard met; answers it when this ended it, to call back. */
    public Optional<Job> fail(String id, String problem) {
        Instant at = now();
        return store.end(id, JobState.FAILED, Optional.of(problem), at, at.plus(keep)) ? store.find(id) : Optional.empty();
    }

    /** The callback's signature header value for {@code body}; empty when no secret is configured. */
    public Optional<String> sign(byte[] body) {
        return callbackSecret.map(secret -> CallbackSignature.of(secret, now(), body));
    }

    /**
     * Queues again every unfinished shard of an unfinished job that the queue no longer holds: a shard
     * whose replica was stopped while it ran ended its queue entry without an answer (a replica that
     * dies is recovered by the queue itself). A shard marks itself done before its entry ends, and a
     * cancel ends the job in the transaction that takes its entries off the queue; so a shard that is
     * not held, and is still unfinished when read <em>after</em> the queue said so, is lost. The list
     * itself is read first and may be stale by then: a shard listed as running that finished, or whose
     * job was cancelled, before the queue was asked is not held either, and is not lost. Answers how
     * many were queued again.
     */
    public int recoverLostShards() {
        int requeued = 0;
        for (JobRepository.ShardRef ref : store.unfinishedShards()) {
            if (queue.holds(ref.job(), ref.shard())) continue;
            if (!store.unfinished(ref.job(), ref.shard())) continue; // it ended between the list and the queue's answer
            if (queue.requeue(ref.job(), ref.shard())) requeued++;
        }
        return requeued;
    }

    /** Deletes the jobs (and answers) whose time is up. */
    public int expire() {
        return store.deleteExpired(now());
    }

    /** The answers of a succeeded job, joined shard by shard as the unsharded answer. */
    public void answer(Job job, OutputStream out) throws IOException {
        store.answers(job.id(), (shard, in) -> ShardAnswers.write(job.mediaType(), shard, in, out));
    }

    public long unfinished() {
        return store.unfinished();
    }

    /** Seconds the oldest queued job has waited; 0 when none waits. */
    public double oldestQueuedSeconds() {
        return store.oldestQueued().map(t -> Duration.between(t, now()).toMillis() / 1000.0).orElse(0.0);
    }

    public Instant now() {
        return clock.instant();
    }
}
