package io.parley.packaged;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.parley.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM to the packaged service while it streams a sweep of 100 million points (minutes of work on
 * this machine): a request that comes after it is the 503 problem with {@code Retry-After}, the health
 * checks tell the orchestrator to stop routing (readiness DOWN) but not to restart (liveness UP), the
 * sweep is stopped once the grace period ({@code quarkus.shutdown.timeout}) is over, and the process exits
 * soon after, not after the worker pool's own minute. The only times asserted are bounds of the
 * configured grace plus a generous margin for a loaded machine. Before the sweep it checks, on the
 * packaged service, that a head the HTTP layer cannot decode is answered as a problem (the hook of
 * api/InvalidRequestHook is in when it runs as production runs it, not only in the test profile).
 */
class GracefulShutdownIT {

    /** The grace period the service is started with, in seconds (production's is 20). */
    static final int GRACE_SECONDS = 5;
    /** Slack for a loaded 2-core machine, well under the minute a pool waiting for its tasks would take. */
    static final int MARGIN_SECONDS = 25;

    @Test
    void sigtermRefusesNewRequestsKeepsLivenessAndEndsInFlightWorkWithinTheGrace() throws Exception {
        Path folder = Path.of("target", "it-graceful-shutdown").toAbsolutePath();
        try (PackagedService service = PackagedService.start(folder,
                List.of("-Dquarkus.shutdown.timeout=" + GRACE_SECONDS + "S"), Map.of())) {
            String key = Files.readString(folder.resolve("data").resolve("admin.key"), StandardCharsets.UTF_8).trim();
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();

            // as packaged, too, a head the HTTP layer cannot decode is a problem (api/InvalidRequestHook is in)
            assertUndecodableHeadIsAProblem(service);

            SmallHeapIT.Kind sweep = SmallHeapIT.kinds().stream().filter(k -> k.name().equals("sweep stream"))
                    .findFirst().orElseThrow();
            CountDownLatch streaming = new CountDownLatch(1);
            CompletableFuture<Long> inFlight = CompletableFuture.supplyAsync(() -> readStream(client, service, key, sweep, streaming));
            assertThat(streaming.await(120, TimeUnit.SECONDS)).as("the sweep's first rows arrived").isTrue();
            assertThat(inFlight).as("the sweep is still streaming when SIGTERM comes").isNotDone();

            service.terminate();
            long sigterm = System.nanoTime();

            // a new request: once the service has taken the signal in, the 503 problem with Retry-After
            HttpResponse<String> refused = awaitRefused(client, service, key);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            JsonNode problem = Fixtures.json(refused.body());
            assertThat(problem.path("type").asText()).isEqualTo("urn:parley:problem:unavailable");
            assertThat(problem.path("detail").asText()).contains("shutting down");

            // the probes during the drain: stop routing here, but do not restart a pod that is finishing its work
            HttpResponse<String> live = client.send(probe(service, "/q/health/live"), HttpResponse.BodyHandlers.ofString());
            assertThat(live.statusCode()).as(live.body()).isEqualTo(200);
            assertThat(Fixtures.json(live.body()).path("status").asText()).isEqualTo("UP");
            HttpResponse<String> ready = client.send(probe(service, "/q/health/ready"), HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).as(ready.body()).isEqualTo(503);
            assertThat(Fixtures.json(ready.body()).path("status").asText()).isEqualTo("DOWN");

            // the sweep ends (stopped: it had minutes to go) and the process exits, both within the grace and a margin
            long bytes = inFlight.get(GRACE_SECONDS + MARGIN_SECONDS, TimeUnit.SECONDS);
            assertThat(bytes).isPositive();
            assertThat(service.awaitExit(Duration.ofSeconds(GRACE_SECONDS + MARGIN_SECONDS)))
                    .as("the process exits within the grace period and a margin of SIGTERM").isTrue();
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - sigterm);
            System.out.println("SIGTERM to exit: " + seconds + " s with a grace of " + GRACE_SECONDS + " s; streamed "
                    + bytes + " bytes");
            assertThat(service.output()).doesNotContain("OutOfMemoryError");
        }
    }

    private static void assertUndecodableHeadIsAProblem(PackagedService service) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", service.port())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write("POST /api/v1/evaluate HTTP/1.1\r\nHost: localhost\r\nContent-Length: ten\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 400").containsIgnoringCase("content-type: application/problem+json")
                    .contains("\"pointer\":\"Content-Length\"");
        }
        assertThat(service.output()).doesNotContain("Could not install the problem answers");
    }

    /** Reads the whole stream, counting its bytes; {@code streaming} opens at the first ones. */
    private static long readStream(HttpClient client, PackagedService service, String key, SmallHeapIT.Kind kind,
                                   CountDownLatch streaming) {
        HttpRequest request = HttpRequest.newBuilder(service.uri(kind.path()))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").header("Accept", kind.accept())
                .POST(HttpRequest.BodyPublishers.ofString(kind.body())).build();
        long read = 0;
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            byte[] buffer = new byte[65536];
            try (InputStream in = response.body()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    read += n;
                    streaming.countDown();
                }
            }
        } catch (java.io.IOException e) {
            // the stream cut off when its work was stopped: the in-flight request has ended
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return read;
    }

    /** Sends a request until it is refused (the signal takes a moment to arrive), for at most the grace period. */
    private static HttpResponse<String> awaitRefused(HttpClient client, PackagedService service, String key) throws Exception {
        HttpRequest metrics = HttpRequest.newBuilder(service.uri("/api/v1/metrics"))
                .header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(10)).GET().build();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(GRACE_SECONDS);
        HttpResponse<String> answer;
        do {
            answer = client.send(metrics, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 503) return answer;
            Thread.sleep(50);
        } while (System.nanoTime() < until);
        return answer;
    }

    private static HttpRequest probe(PackagedService service, String path) {
        return HttpRequest.newBuilder(service.uri(path)).timeout(Duration.ofSeconds(10)).GET().build();
    }
}
