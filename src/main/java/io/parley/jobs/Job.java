package io.parley.jobs;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A job as stored: whose it is, what it runs (the operation, the request body as sent, the endpoint's
 * query parameters, the formats its answer is kept in, in how many shards), where it is, and when
 * things happened.
 *
 * @param mediaType  the format answered when a reader's Accept takes several (the job's {@code accept})
 * @param formats    every format the answer is kept in, {@code mediaType} first
 * @param parameters the endpoint's query parameters as a query string ("" for none), never shard or shards
 * @param failure    the problem document (JSON) of the shard that failed it, for a failed job
 */
public record Job(String id, String tenant, String createdBy, Operation operation, String mediaType,
                  List<String> formats, String parameters, String request, int shards, int shardsDone, JobState state,
                  Optional<String> callbackUrl, String fingerprint, Optional<String> failure, Instant createdAt,
                  Optional<Instant> startedAt, Optional<Instant> finishedAt, Optional<Instant> expiresAt) {

    public Job {
        formats = List.copyOf(formats);
        if (formats.isEmpty() || !formats.get(0).equals(mediaType)) {
            throw new IllegalArgumentException("a job's formats start with its media type " + mediaType + ", not " + formats);
        }
    }

    /** How far along the job is at {@code now}. */
    public Progress progress(Instant now) {
        return Progress.of(shardsDone, shards, startedAt, finishedAt.orElse(now));
    }

    /** The query string of shard {@code shard}'s call to the endpoint: the job's parameters, and the shard when split. */
    public String query(int shard) {
        String split = shards > 1 ? "shard=" + shard + "&shards=" + shards : "";
        String all = parameters.isEmpty() ? split : split.isEmpty() ? parameters : parameters + "&" + split;
        return all.isEmpty() ? "" : "?" + all;
    }
}
