package io.parley.ops;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.parley.identity.ApiKeys;
import io.parley.identity.Caller;
import io.parley.identity.Role;
import io.parley.jobs.Job;
import io.parley.jobs.JobRepository;
import io.parley.jobs.Jobs;

/**
 * Runs one shard of a job through the operation's own endpoint on this process, so a job answers
 * exactly what the synchronous call answers (the same rules, the same rows, byte for byte), with
 * {@code shard=k&shards=n} when the job is split. The call is made with a key of the job's tenant
 * (an analyst's) created for it and revoked after. While it runs, the job is looked at every
 * {@link #WATCH_MILLIS}: once it has been cancelled the call is dropped, and the endpoint, seeing its
 * client gone, stops the work within its own watch interval.
 */
@ApplicationScoped
public class ShardCalls {

    /** How often a running shard checks that its job still wants it. */
    static final long WATCH_MILLIS = 200;

    /** How a shard's call ended. */
    public enum Kind {
        /** the endpoint answered 200 in every format: the answers are kept */
        ANSWERED,
        /** the endpoint refused the request (4xx): running it again cannot help */
        REFUSED,
        /** the endpoint was busy or failed, or the connection broke: running it again may succeed */
        FAILED,
        /** the job ended while the shard ran (cancelled, or failed by another shard) */
        STOPPED
    }

    /** @param problem the endpoint's problem document (JSON), for REFUSED and FAILED */
    public record Outcome(Kind kind, String problem) {
    }

    /** A problem document is small; past this a body is no problem, and is cut. */
    private static final int MAX_PROBLEM_BYTES = 64 * 1024;

    private final ApiKeys keys;
    private final Jobs jobs;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread t = new Thread(task, "parley-job-shard-watch");
        t.setDaemon(true);
        return t;
    });

    public ShardCalls(ApiKeys keys, Jobs jobs) {
        this.keys = keys;
        this.jobs = jobs;
    }

    /**
     * Runs attempt {@code attempt} of shard {@code shard}: one call of the endpoint per format the job
     * keeps, each answer streamed into the store as it arrives ({@link Jobs#keep}), never held whole.
     */
    public Outcome run(Job job, int shard, int attempt) {
        Caller runner = Caller.of("job:" + job.id(), "job " + job.id(), job.tenant(), Set.of(Role.ANALYST));
        ApiKeys.Issued key = keys.create(runner, "job " + job.id() + " shard " + shard + " of " + job.shards(),
                List.of(Role.ANALYST.apiName()), Optional.of(Instant.now().plus(Duration.ofDays(1))));
        AtomicBoolean stopped = new AtomicBoolean();
        InputStream[] body = new InputStream[1];
        List<CompletableFuture<?>> pending = new CopyOnWriteArrayList<>();
        ScheduledFuture<?> watch = watcher.scheduleWithFixedDelay(() -> {
            if (!stopped.get() && !jobs.wanted(job.id())) {
                stopped.set(true);
                pending.forEach(call -> call.cancel(true)); // before the answer's head: the exchange is dropped
                close(body); // while the answer streams: the connection is dropped
            }
        }, WATCH_MILLIS, WATCH_MILLIS, TimeUnit.MILLISECONDS);
        try {
            for (String format : job.formats()) {
                if (stopped.get()) return new Outcome(Kind.STOPPED, null);
                Outcome one = call(job, shard, attempt, format, key, stopped, body, pending);
                if (one.kind() != Kind.ANSWERED) return one;
            }
            return new Outcome(Kind.ANSWERED, null);
        } finally {
            watch.cancel(false);
            keys.revoke(runner, key.key().id());
        }
    }

    /** One call of the endpoint for the job's answer in {@code format}, kept in the store as it streams. */
    private Outcome call(Job job, int shard, int attempt, String format, ApiKeys.Issued key, AtomicBoolean stopped,
                         InputStream[] body, List<CompletableFuture<?>> pending) {
        try {
            HttpRequest request = HttpRequest.newBuilder(OwnService.uri().resolve(URI.create(job.operation().path + job.query(shard))))
                    .header("Content-Type", "application/json").header("Accept", format)
                    .header("Authorization", "Bearer " + key.secret())
                    .POST(HttpRequest.BodyPublishers.ofString(job.request(), StandardCharsets.UTF_8)).build();
            CompletableFuture<HttpResponse<InputStream>> call = client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
            pending.add(call);
            if (stopped.get()) call.cancel(true);
            HttpResponse<InputStream> response = call.get();
            pending.remove(call);
            synchronized (body) {
                body[0] = response.body();
            }
            if (stopped.get()) close(body);
            int status = response.statusCode();
            if (status == 200) {
                jobs.keep(job.id(), shard, attempt, format, response.body());
                return stopped.get() ? new Outcome(Kind.STOPPED, null) : new Outcome(Kind.ANSWERED, null);
            }
            String problem = new String(response.body().readNBytes(MAX_PROBLEM_BYTES), StandardCharsets.UTF_8);
            if (stopped.get()) return new Outcome(Kind.STOPPED, null);
            return new Outcome(status < 500 ? Kind.REFUSED : Kind.FAILED, problem);
        } catch (JobRepository.AnswerTooLarge e) {
            return new Outcome(Kind.REFUSED, "{\"title\":\"the shard's answer is too large to keep\",\"detail\":\""
                    + "shard " + shard + " of " + job.shards() + " answers more than " + e.maxBytes + " bytes as " + format
                    + " (parley.jobs.max-shard-answer-bytes); submit the job again in more shards\"}");
        } catch (IOException | ExecutionException | CancellationException e) {
            if (stopped.get()) return new Outcome(Kind.STOPPED, null);
            return new Outcome(Kind.FAILED, "{\"title\":\"the shard's call broke\",\"detail\":\""
                    + String.valueOf(e.getMessage()).replace("\"", "'") + "\"}");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(Kind.FAILED, "{\"title\":\"the shard was interrupted\"}");
        } finally {
            synchronized (body) {
                body[0] = null;
            }
        }
    }

    private static void close(InputStream[] body) {
        synchronized (body) {
            if (body[0] == null) return;
            try {
                body[0].close();
            } catch (IOException ignored) {
                // closing drops the connection; a failure to close it leaves nothing more to do
            }
        }
    }

    @PreDestroy
    void stop() {
        watcher.shutdownNow();
    }
}
