package io.parley.jobs;

/** The clustered queue shards wait in until a replica takes them (ops/QuartzShardQueue, Quartz's JDBC store). */
public interface ShardQueue {

    /** Queues every shard of job {@code id}, each to run once on any replica, again on another if its replica dies. */
    void enqueue(String id, int shards);

    /** Takes the job's shards that have not started off the queue. */
    void dequeue(String id, int shards);

    /** Whether shard {@code shard} of job {@code id} is on the queue or running (its queue entry not yet ended). */
    boolean holds(String id, int shard);

    /** Queues shard {@code shard} of job {@code id} again; false if it already is (another replica was first). */
    boolean requeue(String id, int shard);
}
