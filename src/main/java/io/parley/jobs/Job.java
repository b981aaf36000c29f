package io.parley.jobs;

import java.time.Instant;
import java.util.Optional;

/**
 * A job as stored: whose it is, what it runs (the operation, the request body as sent, the media type
 * of its answer, in how many shards), where it is, and when things happened.
 *
 * @param failure the problem document (JSON) of the shard that failed it, for a failed job
 */
public record Job(String id, String tenant, String createdBy, Operation operation, String mediaType, String request,
                  int shards, int shardsDone, JobState state, Optional<String> callbackUrl, String fingerprint,
                  Optional<String> failure, Instant createdAt, Optional<Instant> startedAt,
                  Optional<Instant> finishedAt, Optional<Instant> expiresAt) {

    /** How far along the job is at {@code now}. */
    public Progress progress(Instant now) {
        return Progress.of(shardsDone, shards, startedAt, finishedAt.orElse(now));
    }
}
