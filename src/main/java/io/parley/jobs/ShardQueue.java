package io.parley.jobs;

/**
 * The clustered queue shards, and completion callbacks, wait in until a replica takes them
 * (ops/QuartzShardQueue, Quartz's JDBC store): both are stored in the database, so neither is lost
 * with the replica that queued it.
 */
public interface ShardQueue {

    /** Queues every shard of job {@code id}, each to run once on any replica, again on another if its replica dies. */
    void enqueue(String id, int shards);

    /** Takes the job's shards that have not started off the queue. */
    void dequeue(String id, int shards);

    /** Whether shard {@code shard} of job {@code id} is on the queue or running (its queue entry not yet ended). */
    boolean holds(String id, int shard);

    /** Queues shard {@code shard} of job {@code id} again; false if it already is (another replica was first). */
    boolean requeue(String id, int shard);

    /**
     * Queues send {@code send} (from 1) of job {@code id}'s completion callback, to be made at {@code at}
     * by any replica, and again by another if the one making it dies meanwhile.
     */
    void callBack(String id, int send, java.time.Instant at);
}
