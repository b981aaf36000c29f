package io.parley.ops;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import org.quartz.Job;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;

import io.quarkus.arc.Unremovable;

/**
 * One send of a job's completion callback, as Quartz fires it on some replica: it is stored in the
 * database (QuartzShardQueue#callBack) until made, so a replica that stops does not lose it, and asks
 * for recovery, so a send its replica died in the middle of is made again by another.
 */
@Dependent
@Unremovable
public class CallbackSend implements Job {

    @Inject
    JobCallbacks callbacks;

    @Override
    public void execute(JobExecutionContext context) {
        JobDataMap data = context.getMergedJobDataMap();
        callbacks.send(data.getString(QuartzShardQueue.JOB), Integer.parseInt(data.getString(QuartzShardQueue.SEND)));
    }
}
