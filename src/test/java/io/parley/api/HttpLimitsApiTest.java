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
 * line or headers past its own 64 KiB) never reaches any code of the service: those answers are bare,
 * and the tests below say so (docs/operations.md, "The HTTP edge").
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
     * Netty's decoder takes a Content-Length that is no number for a malformed request and Vert.x answers
     * it itself, before any handler of the service (docs/operations.md, "The HTTP edge"): a bare 400.
     */
    @Test
    void aContentLengthThatIsNoNumberIsTheHttpLayersBare400() throws Exception {
        RawHttp.Answer answer = RawHttp.exchange(POST_EVALUATE + "\r\nContent-Length: ten", RawHttp.Body.NONE);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).isNull();
        assertThat(answer.body()).isEmpty();
    }

    /** Quarkus's root handler parses the URI with java.net.URI before its router, and answers a failure bare. */
    @Test
    void aUriThatIsNoUriIsTheHttpLayersBare400() throws Exception {
        RawHttp.Answer answer = RawHttp.exchange("GET /api/v1/metrics?x=%zz HTTP/1.1\r\nHost: localhost", RawHttp.Body.NONE);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).isNull();
        assertThat(answer.body()).isEmpty();
    }

    /** Past the decoder's own limits (65,536, application.properties) the layer answers bare 414 and 431. */
    @Test
    void aRequestLineOrHeadersPastTheHttpLayersLimitsAreItsBare414And431() throws Exception {
        RawHttp.Answer line = RawHttp.exchange("GET /api/v1/metrics?x=" + "a".repeat(70_000) + " HTTP/1.1\r\nHost: localhost",
                RawHttp.Body.NONE);
        assertThat(line.status()).isEqualTo(414);
        assertThat(line.header("Content-Type")).isNull();
        RawHttp.Answer headers = RawHttp.exchange("GET /api/v1/metrics HTTP/1.1\r\nHost: localhost\r\nX-Padding: "
                + "b".repeat(70_000), RawHttp.Body.NONE);
        assertThat(headers.status()).isEqualTo(431);
        assertThat(headers.header("Content-Type")).isNull();
    }
}
