package io.parley.ops;

import java.time.Instant;
import java.util.Date;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;

import io.parley.jobs.ShardQueue;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;

/**
 * Job shards, and completion callbacks, in Quartz's clustered JDBC store (quarkus-quartz, store-type jdbc-cmt): each shard is one
 * Quartz job with one trigger, fired once by whichever replica's scheduler acquires it first. Each asks
 * for recovery, so when the replica running it stops checking in, another replica runs it again.
 */
@ApplicationScoped
public class QuartzShardQueue implements ShardQueue {

    static final String GROUP = "parley-job-shards";
    static final String JOB = "job";
    static final String SHARD = "shard";
    static final String CALLBACKS = "parley-job-callbacks";
    static final String SEND = "send";

    private final Scheduler scheduler;

    public QuartzShardQueue(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * A replica told to stop fires no new shard: from then on its endpoints refuse new requests with 503
     * (api/ShutdownGate), so a shard fired here would only spend its attempts. The other replicas'
     * schedulers take the queued shards; those running here go on until the shutdown's drain ends.
     */
    void stopFiring(@Observes ShutdownDelayInitiatedEvent stopping) {
        try {
            scheduler.standby();
        } catch (SchedulerException e) {
            Logger.getLogger(QuartzShardQueue.class).warn("the shard scheduler could not be put on standby: " + e.getMessage());
        }
    }

    @Override
    public void enqueue(String id, int shards) {
        try {
            for (int k = 1; k <= shards; k++) schedule(id, k);
        } catch (SchedulerException e) {
            throw new IllegalStateException("queueing the shards of job " + id + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean holds(String id, int shard) {
        try {
            return scheduler.checkExists(key(id, shard));
        } catch (SchedulerException e) {
            throw new IllegalStateException("looking for shard " + shard + " of job " + id + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean requeue(String id, int shard) {
        try {
            schedule(id, shard);
            return true;
        } catch (ObjectAlreadyExistsException anotherReplicaWasFirst) {
            return false;
        } catch (SchedulerException e) {
            throw new IllegalStateException("queueing shard " + shard + " of job " + id + " again failed: " + e.getMessage(), e);
        }
    }

    private void schedule(String id, int k) throws SchedulerException {
        JobDetail detail = JobBuilder.newJob(ShardRun.class).withIdentity(key(id, k))
                .usingJobData(JOB, id).usingJobData(SHARD, Integer.toString(k)).requestRecovery(true).build();
        scheduler.scheduleJob(detail, TriggerBuilder.newTrigger().withIdentity(id + "/" + k, GROUP).startNow()
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow()).build());
    }

    /** Each send is its own Quartz job (job/callback/n), so a send can queue the next while it runs. */
    @Override
    public void callBack(String id, int send, Instant at) {
        JobDetail detail = JobBuilder.newJob(CallbackSend.class).withIdentity(JobKey.jobKey(id + "/callback/" + send, CALLBACKS))
                .usingJobData(JOB, id).usingJobData(SEND, Integer.toString(send)).requestRecovery(true).build();
        try {
            scheduler.scheduleJob(detail, TriggerBuilder.newTrigger().withIdentity(id + "/callback/" + send, CALLBACKS)
                    .startAt(Date.from(at))
                    .withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow()).build());
        } catch (ObjectAlreadyExistsException queuedBefore) {
            // this send was queued already (a send that was run again after its replica died): once is enough
        } catch (SchedulerException e) {
            throw new IllegalStateException("queueing callback send " + send + " of job " + id + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void dequeue(String id, int shards) {
        try {
            for (int k = 1; k <= shards; k++) scheduler.deleteJob(key(id, k));
        } catch (SchedulerException e) {
            throw new IllegalStateException("taking the shards of job " + id + " off the queue failed: " + e.getMessage(), e);
        }
    }

    private static JobKey key(String id, int shard) {
        return JobKey.jobKey(id + "/" + shard, GROUP);
    }
}
