package io.parley.jobs;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings under {@code parley.jobs.*} (docs/jobs.md). */
@ConfigMapping(prefix = "parley.jobs")
public interface JobsConfig {

    /** How long a finished job and its answer are kept, then deleted (ISO-8601, e.g. P7D). */
    @WithDefault("P7D")
    Duration keepResults();

    /** The secret completion callbacks are signed with; without one, callbacks are refused at submit. */
    Optional<String> callbackSecret();

    /** Sends of a completion callback in all, the first included, while its receiver does not take it (1–10). */
    @WithDefault("5")
    int callbackAttempts();

    /** The pause before a callback's second send; each later pause doubles it (ISO-8601, e.g. PT5S). */
    @WithDefault("PT5S")
    Duration callbackFirstPause();

    /** How often each replica deletes expired jobs (a Quarkus scheduler period, e.g. 10m). */
    @WithDefault("10m")
    String expireEvery();

    /** How often a replica looks for shards lost with a stopped replica and queues them again (e.g. 15s). */
    @WithDefault("15s")
    String recoverEvery();

    /**
     * Bytes of one stored chunk of a shard's answer: one statement each, so it must be well under the
     * database's max_allowed_packet (16 MiB by default; checked at start), and one is held in memory
     * per shard being written or answer being read.
     */
    @WithDefault("1048576")
    int answerChunkBytes();

    /**
     * Most bytes one shard's answer may have in one format (1 GiB by default): past it the job fails,
     * naming it (split the job into more shards). It bounds the database, not the heap, which holds one chunk.
     */
    @WithDefault("1073741824")
    long maxShardAnswerBytes();
}
