package io.parley.jobs;

import java.util.Locale;

/** Where a job is: queued until a replica starts a shard, then running, then one of three ends. */
public enum JobState {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    /** The name in answers and in the store: lower case. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobState of(String apiName) {
        return valueOf(apiName.toUpperCase(Locale.ROOT));
    }

    /** True once nothing more will happen to the job. */
    public boolean finished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
