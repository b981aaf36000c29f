package io.parley.ops;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.jobs.CallbackSignature;
import io.parley.jobs.Job;
import io.parley.jobs.Jobs;

/**
 * Tells a job's callback URL that the job has finished: a POST of {@code {"id", "state", "job"}} (the
 * job's path, to read it and its answer) signed with {@link CallbackSignature}. Sent once, by the
 * replica that finished the job, without retries: the job can always be read, so the callback is a
 * courtesy that saves polling, not the only way to learn the outcome.
 */
@ApplicationScoped
public class JobCallbacks {

    private static final Logger LOG = Logger.getLogger(JobCallbacks.class);

    private final Jobs jobs;
    private final ObjectMapper mapper;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public JobCallbacks(Jobs jobs, ObjectMapper mapper) {
        this.jobs = jobs;
        this.mapper = mapper;
    }

    public void send(Job job) {
        if (job.callbackUrl().isEmpty()) return;
        ObjectNode note = mapper.createObjectNode().put("id", job.id()).put("state", job.state().apiName())
                .put("job", "/api/v1/jobs/" + job.id());
        byte[] body = note.toString().getBytes(StandardCharsets.UTF_8);
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(job.callbackUrl().get()))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            jobs.sign(body).ifPresent(signature -> request.header(CallbackSignature.HEADER, signature));
            HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            LOG.infof("job %s: callback answered %d", job.id(), response.statusCode());
        } catch (Exception e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            LOG.warnf("job %s: callback to its URL failed: %s", job.id(), e.getMessage());
        }
    }
}
