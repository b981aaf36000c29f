package io.parley.ops;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.jobs.CallbackRetries;
import io.parley.jobs.CallbackSignature;
import io.parley.jobs.Job;
import io.parley.jobs.Jobs;
import io.parley.jobs.JobsConfig;
import io.quarkus.runtime.StartupEvent;

/**
 * Tells a job's callback URL that the job has finished: a POST of {@code {"id", "state", "job"}} (the
 * job's path, to read it and its answer) signed with {@link CallbackSignature}. Sent by the replica
 * that finished the job; a receiver that cannot take it (no connection, a timeout, a 5xx, 408 or 429)
 * is sent it again after a doubling pause, a bounded number of times ({@link CallbackRetries},
 * parley.jobs.callback-attempts and callback-first-pause), each send signed afresh so its {@code t}
 * is its own time. Retries wait on this replica: one stopped meanwhile sends no more, which is
 * acceptable because the job can always be read, so the callback saves polling but is never the
 * only way to learn the outcome.
 */
@ApplicationScoped
public class JobCallbacks {

    private static final Logger LOG = Logger.getLogger(JobCallbacks.class);
    /** How long one send may take, connection included, before it counts as a timeout. */
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    private final Jobs jobs;
    private final ObjectMapper mapper;
    private final CallbackRetries retries;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread t = new Thread(task, "parley-job-callbacks");
        t.setDaemon(true);
        return t;
    });

    public JobCallbacks(Jobs jobs, ObjectMapper mapper, JobsConfig config) {
        this.jobs = jobs;
        this.mapper = mapper;
        this.retries = new CallbackRetries(config.callbackAttempts(), config.callbackFirstPause());
    }

    /** Made at start, so callback settings out of range stop the start rather than the first callback. */
    void checkSettings(@Observes StartupEvent start) {
        LOG.debugf("job callbacks: %s", retries);
    }

    public void send(Job job) {
        if (job.callbackUrl().isEmpty()) return;
        ObjectNode note = mapper.createObjectNode().put("id", job.id()).put("state", job.state().apiName())
                .put("job", "/api/v1/jobs/" + job.id());
        attempt(job, note.toString().getBytes(StandardCharsets.UTF_8), 1);
    }

    /** Send number {@code attempt}; another is scheduled when this one did not reach a receiver that took it. */
    private void attempt(Job job, byte[] body, int attempt) {
        OptionalInt status = post(job, body);
        if (Thread.currentThread().isInterrupted()) return; // the replica is stopping
        if (status.isPresent() && status.getAsInt() < 300) {
            LOG.infof("job %s: callback answered %d (send %d)", job.id(), status.getAsInt(), attempt);
            return;
        }
        if (!retries.retriesAfter(attempt, status)) {
            LOG.warnf("job %s: callback not taken after %d sends (last: %s); the job can still be read",
                    job.id(), attempt, status.isPresent() ? status.getAsInt() : "no answer");
            return;
        }
        Duration pause = retries.pauseBefore(attempt + 1);
        LOG.infof("job %s: callback send %d not taken (%s), sending again in %d ms", job.id(), attempt,
                status.isPresent() ? status.getAsInt() : "no answer", pause.toMillis());
        try {
            later.schedule(() -> attempt(job, body, attempt + 1), pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            LOG.warnf("job %s: the replica is stopping; callback send %d is not made", job.id(), attempt + 1);
        }
    }

    /** One signed POST: the receiver's status, or none when no answer came (refused, broken, timed out). */
    private OptionalInt post(Job job, byte[] body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(job.callbackUrl().get()))
                    .timeout(SEND_TIMEOUT).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            jobs.sign(body).ifPresent(signature -> request.header(CallbackSignature.HEADER, signature));
            return OptionalInt.of(client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        } catch (Exception e) {
            LOG.warnf("job %s: callback to its URL failed: %s", job.id(), e.getMessage());
            return OptionalInt.empty();
        }
    }

    @PreDestroy
    void stop() {
        later.shutdownNow();
    }
}
