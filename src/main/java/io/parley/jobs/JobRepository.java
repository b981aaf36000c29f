package io.parley.jobs;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** What jobs need of a store; store/JobStore keeps them in the tables {@code job} and {@code job_shard}. */
public interface JobRepository {

    /** Stores a new queued job and its shards, all queued, under the Idempotency-Key it was sent with. */
    void create(Job job, Optional<String> idempotencyKey);

    /** The job {@code id} of {@code tenant}; another tenant's job is not found. */
    Optional<Job> find(String tenant, String id);

    /** The job {@code id} whatever its tenant: for the replicas that run it. */
    Optional<Job> find(String id);

    /** The job {@code createdBy} of {@code tenant} submitted with {@code idempotencyKey}. */
    Optional<Job> byIdempotencyKey(String tenant, String createdBy, String idempotencyKey);

    /**
     * Marks shard {@code shard} running on behalf of a replica (and the job running, if it was queued),
     * counting the attempt; answers the attempt's number, or nothing when there is nothing to run: the job is finished or gone, or the shard
     * is already done.
     */
    OptionalInt startShard(String id, int shard, Instant at);

    /**
     * Writes what attempt {@code attempt} of shard {@code shard} answered in {@code mediaType}, as it
     * arrives, in chunks of the store's chunk size (each written on its own, so neither the database's
     * packet nor the heap holds more than one): it is the shard's answer once {@link #finishShard}
     * marks that attempt done. Reading stops at {@code maxBytes}.
     *
     * @throws AnswerTooLarge when the answer goes on past {@code maxBytes}
     * @throws IOException    when reading the answer breaks (its call was dropped)
     */
    void keepAnswer(String id, int shard, int attempt, String mediaType, InputStream answer, long maxBytes) throws IOException;

    /** A shard's answer past the ceiling of one shard's answer in one format. */
    final class AnswerTooLarge extends IOException {
        public final long maxBytes;

        public AnswerTooLarge(long maxBytes) {
            super("one shard's answer in one format is over " + maxBytes + " bytes (parley.jobs.max-shard-answer-bytes)");
            this.maxBytes = maxBytes;
        }
    }

    /**
     * Marks shard {@code shard} done with the answers attempt {@code attempt} kept, unless the job has
     * finished meanwhile (cancelled) or another attempt marked it first; answers the job as it now is.
     * When this was the last shard, the job has succeeded and expires at {@code expiresAt}.
     */
    Optional<Job> finishShard(String id, int shard, int attempt, Instant at, Instant expiresAt);

    /** Ends a job that has not finished yet in {@code state} (failed or cancelled); false if it had already finished. */
    boolean end(String id, JobState state, Optional<String> failure, Instant at, Instant expiresAt);

    /** Reads the answers in {@code mediaType} of every shard, shard by shard in order, each streamed from the store. */
    void answers(String id, String mediaType, ShardReader reader) throws IOException;

    /** Deletes jobs that expired before {@code now}; answers how many. */
    int deleteExpired(Instant now);

    /** Shards not done (queued or running) of jobs not finished, as (job id, shard) pairs. */
    List<ShardRef> unfinishedShards();

    /**
     * Whether shard {@code shard} of job {@code id} is, as read now, neither done nor part of a job
     * that has finished: the second look recovery takes at a shard the queue no longer holds.
     */
    boolean unfinished(String id, int shard);

    /** A shard of a job. */
    record ShardRef(String job, int shard) {
    }

    /** Jobs not finished yet: queued or running. */
    long unfinished();

    /** When the oldest job still queued was submitted. */
    Optional<Instant> oldestQueued();

    /** The most bytes one statement may carry to the database (MariaDB's max_allowed_packet); nothing when it sets none. */
    java.util.OptionalLong maxPacketBytes();

    /** Receives one shard's answer. */
    interface ShardReader {
        void read(int shard, InputStream answer) throws IOException;
    }
}
