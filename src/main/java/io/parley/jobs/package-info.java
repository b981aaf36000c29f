/**
 * Jobs: an analysis or optimisation submitted to run later, split into shards that any replica takes
 * from a clustered queue, its answers kept until the job expires. The rules live here (states,
 * progress, which operations shard, how shard answers join, the callback's signature); the store
 * keeps jobs ({@link io.parley.jobs.JobRepository}), ops/ runs shards through Quartz
 * ({@link io.parley.jobs.ShardQueue}) and api/ speaks HTTP.
 */
package io.parley.jobs;
