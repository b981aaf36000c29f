package io.parley.ops;

import java.util.Optional;
import java.util.OptionalInt;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;

import io.parley.jobs.Jobs;
import io.quarkus.arc.Unremovable;

/**
 * One shard of a job, as Quartz fires it on some replica: claims it, runs it through the operation's
 * own endpoint on this process ({@link ShardCalls}), once per format the job keeps, streaming each
 * answer into the store, and marks it done (the job's callback is queued when it was the last). A replica that is busy or fails is tried again (up to {@link Jobs#MAX_ATTEMPTS}); a
 * refused request fails the job, since running it again cannot help.
 */
@Dependent
@Unremovable
public class ShardRun implements Job {

    private static final Logger LOG = Logger.getLogger(ShardRun.class);
    /** Pause before a shard that met a busy or failing replica is fired again. */
    private static final long RETRY_PAUSE_MILLIS = 1000;

    @Inject
    Jobs jobs;
    @Inject
    ShardCalls calls;

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        JobDataMap data = context.getMergedJobDataMap();
        String id = data.getString(QuartzShardQueue.JOB);
        int shard = Integer.parseInt(data.getString(QuartzShardQueue.SHARD));
        OptionalInt attempt = jobs.start(id, shard);
        if (attempt.isEmpty()) return;
        Optional<io.parley.jobs.Job> job = jobs.find(id);
        if (job.isEmpty()) return;
        ShardCalls.Outcome outcome = calls.run(job.get(), shard, attempt.getAsInt());
        switch (outcome.kind()) {
            case ANSWERED -> jobs.finish(id, shard, attempt.getAsInt());
            case REFUSED -> jobs.fail(id, outcome.problem());
            case STOPPED -> LOG.infof("job %s shard %d stopped: the job ended", id, shard);
            case FAILED -> {
                if (attempt.getAsInt() >= Jobs.MAX_ATTEMPTS) {
                    jobs.fail(id, outcome.problem());
                    return;
                }
                LOG.warnf("job %s shard %d attempt %d failed, trying again: %s", id, shard, attempt.getAsInt(), outcome.problem());
                try {
                    Thread.sleep(RETRY_PAUSE_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new JobExecutionException(outcome.problem(), true);
            }
        }
    }
}
