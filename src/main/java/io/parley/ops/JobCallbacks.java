package io.parley.ops;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

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
import io.parley.jobs.ShardQueue;
import io.quarkus.runtime.StartupEvent;

/**
 * Tells a job's callback URL that the job has finished: a POST of {@code {"id", "state", "job"}} (the
 * job's path, to read it and its answer) signed with {@link CallbackSignature}. Each send is queued in
 * the clustered store (the first in the transaction that ends the job) and made by whichever replica
 * fires it ({@link CallbackSend}); a receiver that cannot take it (no connection, a timeout, a 5xx,
 * 408 or 429) has the next send queued after a doubling pause, a bounded number of times
 * ({@link CallbackRetries}, parley.jobs.callback-attempts and callback-first-pause), each signed
 * afresh so its {@code t} is its own time. A replica that stops leaves the pending sends to the others.
 */
@ApplicationScoped
public class JobCallbacks {

    private static final Logger LOG = Logger.getLogger(JobCallbacks.class);
    /** How long one send may take, connection included, before it counts as a timeout. */
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    private final Jobs jobs;
    private final ShardQueue queue;
    private final ObjectMapper mapper;
    private final CallbackRetries retries;
    /**
     * Made on the first send, not with this bean: the bean is made at start (its settings are checked
     * then), and building a client (its selector thread, its TLS context) was 4 % of the start's main
     * thread, for callbacks most replicas never send.
     */
    private volatile HttpClient client;

    public JobCallbacks(Jobs jobs, ShardQueue queue, ObjectMapper mapper, JobsConfig config) {
        this.jobs = jobs;
        this.queue = queue;
        this.mapper = mapper;
        this.retries = new CallbackRetries(config.callbackAttempts(), config.callbackFirstPause());
    }

    /** Made at start, so callback settings out of range stop the start rather than the first callback. */
    void checkSettings(@Observes StartupEvent start) {
        LOG.debugf("job callbacks: %s", retries);
    }

    /** Makes send number {@code attempt} of job {@code id}'s callback; queues the next when this one was not taken. */
    void send(String id, int attempt) {
        Optional<Job> found = jobs.find(id);
        if (found.isEmpty() || found.get().callbackUrl().isEmpty()) return; // expired meanwhile: nothing to tell
        Job job = found.get();
        ObjectNode note = mapper.createObjectNode().put("id", job.id()).put("state", job.state().apiName())
                .put("job", "/api/v1/jobs/" + job.id());
        byte[] body = note.toString().getBytes(StandardCharsets.UTF_8);
        OptionalInt status = post(job, body);
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
        queue.callBack(job.id(), attempt + 1, jobs.now().plus(pause));
    }

    private HttpClient client() {
        HttpClient made = client;
        if (made == null) {
            synchronized (this) {
                made = client;
                if (made == null) client = made = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            }
        }
        return made;
    }

    /** One signed POST: the receiver's status, or none when no answer came (refused, broken, timed out). */
    private OptionalInt post(Job job, byte[] body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(job.callbackUrl().get()))
                    .timeout(SEND_TIMEOUT).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            jobs.sign(body).ifPresent(signature -> request.header(CallbackSignature.HEADER, signature));
            return OptionalInt.of(client().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        } catch (Exception e) {
            LOG.warnf("job %s: callback to its URL failed: %s", job.id(), e.getMessage());
            return OptionalInt.empty();
        }
    }
}
