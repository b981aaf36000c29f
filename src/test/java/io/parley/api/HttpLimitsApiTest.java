package io.parley.api;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.TestCaller;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

/**
 * A URI or headers over the limits the contract states are problems naming the limit, not the HTTP layer's
 * bare status, and conform to the contract, which declares 414 and 431 on every operation; so are a body
 * sent chunked past the body limit (413) and a request that comes once the service is stopping (503).
 * What the HTTP layer refuses while decoding the head (a Content-Length that is no number, a request
 * line or headers past its own 64 KiB) and a URI java.net.URI cannot parse never reach a route; they are
 * problems too, answered by the handlers api/InvalidRequestHook puts in the layer's place
 * (docs/operations.md, "The HTTP edge").
 */
@QuarkusTest
class HttpLimitsApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The body limit of the test profile, the default 2 MiB. */
    private static final long LIMIT = 2_097_152;
    private static final String POST_EVALUATE = "POST /api/v1/evaluate HTTP/1.1\r\nHost: localhost\r\n"
            + "Authorization: Bearer " + TestCaller.ADMIN_KEY + "\r\nContent-Type: application/json";

    @Inject
    Event<ShutdownDelayInitiatedEvent> shutdown;
    @Inject
    ShutdownGate gate;
    @Inject
    org.quartz.Scheduler shards;
    @Inject
    InvalidRequestHook hook;

    /** More connections than the HTTP layer has event loops (twice the cores), so every loop's handlers are met. */
    private static final int CONNECTIONS = 2 * 2 * Runtime.getRuntime().availableProcessors() + 1;

    @Test
    void aUriOver4096CharactersIsA414Problem() {
        String query = "x=" + "a".repeat(5000);
        given().filter(Contract.CONFORMS).when().get("/api/v1/metrics?" + query)
                .then().statusCode(414).contentType("application/problem+json")
                .body("type", equalTo("urn:parley:problem:uri-too-long"))
                .body("status", equalTo(414))
                // "/api/v1/metrics?" is 16 characters, the query 5002
                .body("detail", containsString("the URI has 5018 characters; the limit is 4096"));
    }

    @Test
    void headersOver8KiBAreA431Problem() {
        given().filter(Contract.CONFORMS).header("X-Padding", "b".repeat(9000)).when().get("/api/v1/metrics")
                .then().statusCode(431).contentType("application/problem+json")
                .body("type", equalTo("urn:parley:problem:headers-too-large"))
                .body("detail", containsString("the limit is 8192"));
    }

    @Test
    void aUriAndHeadersWithinTheLimitsAreServed() {
        given().header("X-Padding", "b".repeat(4000)).when().get("/api/v1/metrics?" + "y=" + "c".repeat(100))
                .then().statusCode(200).contentType("application/json");
    }

    @Test
    void aChunkedBodyOverTheLimitIsA413ProblemReadNoFurther() throws Exception {
        RawHttp.Answer answer = RawHttp.exchange(POST_EVALUATE + "\r\nTransfer-Encoding: chunked", RawHttp.chunked(3 << 20));
        assertTooLarge(answer);
    }

    /** Past the HTTP layer's own ceiling (16 MB), where it used to cut the body off with a bare 413. */
    @Test
    void aChunkedBodyPastTheHttpLayersCeilingIsTheSame413Problem() throws Exception {
        RawHttp.Answer answer = RawHttp.exchange(POST_EVALUATE + "\r\nTransfer-Encoding: chunked", RawHttp.chunked(17L << 20));
        assertTooLarge(answer);
    }

    private static void assertTooLarge(RawHttp.Answer answer) throws Exception {
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(answer.header("Connection")).isEqualTo("close");
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.path("type").asText()).isEqualTo("urn:parley:problem:body-too-large");
        assertThat(problem.path("status").asInt()).isEqualTo(413);
        assertThat(problem.path("limitBytes").asLong()).isEqualTo(LIMIT);
        assertThat(problem.path("detail").asText())
                .isEqualTo("the body (sent without a Content-Length) passed the limit of 2097152 bytes; the rest was not read");
    }

    @Test
    void aRequestThatComesOnceTheServiceIsStoppingIsA503ProblemWithRetryAfter() throws Exception {
        shutdown.fire(new ShutdownDelayInitiatedEvent());
        try {
            assertThat(gate.closed()).isTrue();
            // and this replica fires no new job shard, which would meet the same 503
            assertThat(shards.isInStandbyMode()).isTrue();
            given().when().get("/api/v1/metrics")
                    .then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", "1")
                    .header("Connection", "close")
                    .body("type", equalTo("urn:parley:problem:unavailable"))
                    .body("status", equalTo(503))
                    .body("instance", equalTo("/api/v1/metrics"))
                    .body("detail", containsString("shutting down; retry in 1 s"));
        } finally {
            gate.reopen();
            shards.start();
        }
        given().when().get("/api/v1/metrics").then().statusCode(200);
    }

    /**
     * During the drain the orchestrator is told to stop routing here (readiness DOWN, naming why) but not to
     * restart the pod (liveness UP): the health checks are not refused with the 503 problem.
     */
    @Test
    void duringTheDrainReadinessIsDownAndLivenessUp() throws Exception {
        shutdown.fire(new ShutdownDelayInitiatedEvent());
        try {
            given().when().get("/q/health/live")
                    .then().statusCode(200).body("status", equalTo("UP"));
            given().when().get("/q/health/ready")
                    .then().statusCode(503).body("status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'accepting requests' }.status", equalTo("DOWN"));
            given().when().get("/q/health/started").then().statusCode(200);
        } finally {
            gate.reopen();
            shards.start();
        }
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'accepting requests' }.status", equalTo("UP"));
    }

    /** Every HTTP server is reached (a failure here means Vert.x's or Quarkus's internals changed: see the hook). */
    @Test
    void theHookForRequestsTheHttpLayerCannotDecodeIsInstalled() {
        assertThat(hook.failure()).isNull();
        assertThat(hook.installed()).isTrue();
    }

    /**
     * Netty's decoder takes a Content-Length that is no number for a malformed head; the answer is a problem
     * naming the header, on every connection (each is served by one of several event loops, each with its own
     * handlers), and the connection is closed as the HTTP layer does.
     */
    @Test
    void aContentLengthThatIsNoNumberIsA400ProblemNamingTheHeader() throws Exception {
        for (int connection = 0; connection < CONNECTIONS; connection++) {
            RawHttp.Answer answer = RawHttp.exchange(POST_EVALUATE + "\r\nContent-Length: ten", RawHttp.Body.NONE);
            JsonNode problem = assertProblem(answer, 400, "urn:parley:problem:bad-request");
            assertThat(problem.path("detail").asText()).contains("Content-Length must be one non-negative whole number");
            assertThat(problem.at("/errors/0/pointer").asText()).isEqualTo("Content-Length");
            assertThat(problem.at("/errors/0/value").asText()).isEqualTo("ten");
        }
    }

    @Test
    void aNegativeContentLengthIsA400ProblemNamingTheHeader() throws Exception {
        RawHttp.Answer answer = RawHttp.exchange(POST_EVALUATE + "\r\nContent-Length: -1", RawHttp.Body.NONE);
        JsonNode problem = assertProblem(answer, 400, "urn:parley:problem:bad-request");
        assertThat(problem.at("/errors/0/pointer").asText()).isEqualTo("Content-Length");
    }

    /** A header line without a colon: the decoder's own message, with no class name in it. */
    @Test
    void aHeaderLineThatIsNoHeaderIsA400Problem() throws Exception {
        RawHttp.Answer answer = RawHttp.exchange("GET /api/v1/metrics HTTP/1.1\r\nHost: localhost\r\nno colon here",
                RawHttp.Body.NONE);
        JsonNode problem = assertProblem(answer, 400, "urn:parley:problem:bad-request");
        assertThat(problem.at("/errors/0/pointer").asText()).isEqualTo("head");
        assertThat(problem.path("detail").asText()).startsWith("the request line or headers could not be read")
                .doesNotContain("Exception").doesNotContain("io.netty");
    }

    /** Quarkus's root handler parses the URI with java.net.URI before its router; the hook answers first. */
    @Test
    void aUriThatIsNoUriIsA400ProblemNamingTheTarget() throws Exception {
        for (int connection = 0; connection < CONNECTIONS; connection++) {
            RawHttp.Answer answer = RawHttp.exchange("GET /api/v1/metrics?x=%zz HTTP/1.1\r\nHost: localhost",
                    RawHttp.Body.NONE);
            JsonNode problem = assertProblem(answer, 400, "urn:parley:problem:bad-request");
            assertThat(problem.at("/errors/0/pointer").asText()).isEqualTo("request-target");
            assertThat(problem.at("/errors/0/value").asText()).isEqualTo("/api/v1/metrics?x=%zz");
        }
    }

    /** Past the decoder's own limits (65,536, application.properties) the decoder stops reading; still problems. */
    @Test
    void aRequestLinePastTheHttpLayersLimitIsA414Problem() throws Exception {
        RawHttp.Answer line = RawHttp.exchange("GET /api/v1/metrics?x=" + "a".repeat(70_000) + " HTTP/1.1\r\nHost: localhost",
                RawHttp.Body.NONE);
        JsonNode problem = assertProblem(line, 414, "urn:parley:problem:uri-too-long");
        assertThat(problem.path("detail").asText()).contains("longer than 65536 bytes").contains("4096 characters");
        assertThat(problem.at("/errors/0/pointer").asText()).isEqualTo("request-line");
    }

    @Test
    void headersPastTheHttpLayersLimitAreA431Problem() throws Exception {
        RawHttp.Answer headers = RawHttp.exchange("GET /api/v1/metrics HTTP/1.1\r\nHost: localhost\r\nX-Padding: "
                + "b".repeat(70_000), RawHttp.Body.NONE);
        JsonNode problem = assertProblem(headers, 431, "urn:parley:problem:headers-too-large");
        assertThat(problem.path("detail").asText()).contains("larger than 65536 bytes").contains("the limit is 8192 bytes");
        assertThat(problem.at("/errors/0/pointer").asText()).isEqualTo("headers");
    }

    /** A problem document of {@code status} and {@code type}, after which the server closes the connection. */
    private static JsonNode assertProblem(RawHttp.Answer answer, int status, String type) throws Exception {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(answer.header("Connection")).isEqualTo("close");
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.path("type").asText()).isEqualTo(type);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("detail").asText()).isNotBlank();
        assertThat(problem.path("errors").size()).isEqualTo(1);
        return problem;
    }
}
