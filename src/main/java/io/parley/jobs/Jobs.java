package io.parley.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
    private final long maxAnswerBytes;
    private final Clock clock;

    @Inject
    public Jobs(JobRepository store, ShardQueue queue, JobsConfig config) {
        this(store, queue, config.keepResults(), config.callbackSecret(), config.maxShardAnswerBytes(), Clock.systemUTC());
    }

    Jobs(JobRepository store, ShardQueue queue, Duration keep, Optional<String> callbackSecret, long maxAnswerBytes, Clock clock) {
        this.store = store;
        this.queue = queue;
        this.keep = keep;
        this.maxAnswerBytes = maxAnswerBytes;
        this.callbackSecret = callbackSecret.filter(s -> !s.isBlank());
        this.clock = clock;
    }

    /**
     * What a client submits: the operation, the body its endpoint takes, the endpoint's query
     * parameters (a query string, "" for none), the formats its answer is kept in (the first answered
     * when a reader takes several), how many shards, and where to say it has finished.
     */
    public record Submission(Operation operation, List<String> formats, String parameters, String request, int shards,
                             Optional<String> callbackUrl) {
        public Submission {
            formats = List.copyOf(formats);
        }

        /** The format answered when a reader's Accept takes several: the first. */
        public String mediaType() {
            return formats.get(0);
        }
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
        check(operation, mediaType, List.of(mediaType), shards, callbackUrl);
    }

    /** {@link #check(Operation, String, int, Optional)} of a job that keeps its answer in {@code formats}. */
    public void check(Operation operation, String mediaType, List<String> formats, int shards, Optional<String> callbackUrl) {
        List<Violation> broken = new ArrayList<>();
        if (!operation.mediaTypes().contains(mediaType)) {
            broken.add(new Violation("/accept", operation.operationId + " answers in " + String.join(", ", operation.mediaTypes()), mediaType));
        }
        for (int i = 0; i < formats.size(); i++) {
            if (formats.get(i).equals(mediaType) && i == 0) continue; // the job's accept, checked at /accept
            if (!operation.mediaTypes().contains(formats.get(i))) {
                broken.add(new Violation("/formats/" + i, operation.operationId + " answers in " + String.join(", ", operation.mediaTypes()), formats.get(i)));
            } else if (formats.indexOf(formats.get(i)) != i) {
                broken.add(new Violation("/formats/" + i, "must name each format once", formats.get(i)));
            }
        }
        if (shards < 1 || shards > MAX_SHARDS) {
            broken.add(new Violation("/shards", "must be 1–" + MAX_SHARDS, shards));
        } else if (shards > 1 && !formats.stream().allMatch(operation::shardsAs)) {
            broken.add(new Violation("/shards", "only the rows of sweepAnalysis and the raw samples of monteCarloAnalysis, "
                    + "as text/csv or application/x-ndjson, are split into shards; give 1 for this job, or only those formats", shards));
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
        check(s.operation(), s.mediaType(), s.formats(), s.shards(), s.callbackUrl());
        String fingerprint = fingerprint(body);
        if (idempotencyKey.isPresent()) {
            Optional<Job> first = repeated(tenant, createdBy, idempotencyKey.get(), body);
            if (first.isPresent()) return new Submitted(first.get(), false);
        }
        Job job = new Job("job-" + UUID.randomUUID(), tenant, createdBy, s.operation(), s.mediaType(), s.formats(),
                s.parameters(), s.request(), s.shards(), 0, JobState.QUEUED, s.callbackUrl(), fingerprint, Optional.empty(), now(),
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

    /**
     * Keeps what attempt {@code attempt} of shard {@code shard} answered in {@code mediaType}, streamed
     * into the store as it arrives; it is the shard's answer once {@link #finish} marks the attempt done.
     *
     * @throws JobRepository.AnswerTooLarge past parley.jobs.max-shard-answer-bytes
     */
    public void keep(String id, int shard, int attempt, String mediaType, InputStream answer) throws IOException {
        store.keepAnswer(id, shard, attempt, mediaType, answer, maxAnswerBytes);
    }

    /**
     * Marks shard {@code shard} done with the answers attempt {@code attempt} kept. When it was the
     * job's last, the job has succeeded, and its callback (if it has one) is queued in the same
     * transaction: a job never ends without its callback stored to be sent by any replica.
     */
    @Transactional
    public void finish(String id, int shard, int attempt) {
        Instant at = now().truncatedTo(ChronoUnit.MICROS); // as the store keeps it, so the job read back says whether this ended it
        store.finishShard(id, shard, attempt, at, at.plus(keep))
                .filter(j -> j.state() == JobState.SUCCEEDED && j.finishedAt().equals(Optional.of(at)))
                .ifPresent(this::callBack);
    }

    /** Fails the job with the problem one shard met, queueing its callback in the same transaction. */
    @Transactional
    public void fail(String id, String problem) {
        Instant at = now();
        if (store.end(id, JobState.FAILED, Optional.of(problem), at, at.plus(keep))) store.find(id).ifPresent(this::callBack);
    }

    private void callBack(Job job) {
        if (job.callbackUrl().isPresent()) queue.callBack(job.id(), 1, now());
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

    /** The answer of a succeeded job in {@code mediaType} (one of its formats), joined shard by shard as the unsharded answer. */
    public void answer(Job job, String mediaType, OutputStream out) throws IOException {
        if (!job.formats().contains(mediaType)) throw new IllegalArgumentException("job " + job.id() + " keeps no " + mediaType);
        store.answers(job.id(), mediaType, (shard, in) -> ShardAnswers.write(mediaType, shard, in, out));
    }

    /**
     * Refuses a chunk size the database cannot take in one statement: a chunk is sent as a binary
     * value, escaped, so at worst twice its bytes, plus the statement around it.
     *
     * @throws IllegalStateException naming both settings, so the service does not start to fail its first job
     */
    public void checkChunks(int chunkBytes) {
        if (chunkBytes < MIN_CHUNK_BYTES) {
            throw new IllegalStateException("parley.jobs.answer-chunk-bytes must be at least " + MIN_CHUNK_BYTES + ", not " + chunkBytes);
        }
        store.maxPacketBytes().ifPresent(packet -> {
            if (2L * chunkBytes + STATEMENT_BYTES > packet) {
                throw new IllegalStateException("parley.jobs.answer-chunk-bytes (" + chunkBytes + ") does not fit the database's "
                        + "max_allowed_packet (" + packet + "): a chunk needs 2 × its bytes + " + STATEMENT_BYTES
                        + "; lower the chunk or raise max_allowed_packet");
            }
        });
    }

    /** Below this a chunk's statement costs more than its bytes. */
    static final int MIN_CHUNK_BYTES = 4096;
    /** Room for the statement around a chunk's bytes. */
    static final int STATEMENT_BYTES = 64 * 1024;

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
