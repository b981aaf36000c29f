package io.parley.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How far along a job is, in shards: done of total, the rate since the first shard started, and the
 * finish that rate points to (none before a shard has finished: no rate is known yet).
 *
 * @param ratePerSecond shards finished per second since the job started
 */
public record Progress(int done, int total, OptionalDouble ratePerSecond, Optional<Instant> estimatedFinish) {

    static Progress of(int done, int total, Optional<Instant> startedAt, Instant now) {
        if (startedAt.isEmpty() || done == 0) return new Progress(done, total, OptionalDouble.empty(), Optional.empty());
        long elapsedMillis = Math.max(1, Duration.between(startedAt.get(), now).toMillis());
        double rate = done * 1000.0 / elapsedMillis;
        long remainingMillis = Math.round((total - done) * 1000.0 / rate);
        return new Progress(done, total, OptionalDouble.of(rate), Optional.of(now.plusMillis(remainingMillis)));
    }
}
