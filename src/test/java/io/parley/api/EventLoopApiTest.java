package io.parley.api;

import org.junit.jupiter.api.Test;

import io.parley.Fixtures;
import io.parley.identity.TestTokens;
import io.parley.TestCaller;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/v1/evaluate} is served on the event loop, and its credentials never make the loop
 * wait: a key this replica has not verified yet, its last-use stamp and an OpenID Connect token are
 * resolved on a worker thread (Quarkus refuses a Hibernate query on the loop, so a lookup there would
 * be a 500), and the answers are those of the worker-thread operations.
 */
@QuarkusTest
class EventLoopApiTest {

    static final String BODY = Fixtures.exampleText("packaging-retailer-renewal.json");

    static Response evaluate(String authorization) {
        // the answer checked against the contract; the request too would refuse the Basic scheme the test sends
        return given().filter(Contract.RESPONSE_CONFORMS).header("Authorization", authorization).header(ThreadProbe.ASK, "yes")
                .contentType(ContentType.JSON).accept(ContentType.JSON).body(BODY).post("/api/v1/evaluate");
    }

    @Test
    void anEvaluateIsAnsweredOnTheEventLoopAndAnotherOperationOnAWorker() {
        evaluate("Bearer " + TestCaller.ADMIN_KEY).then().statusCode(200).header(ThreadProbe.ANSWER, "event-loop");
        given().header(ThreadProbe.ASK, "yes").get("/api/v1/metrics").then().statusCode(200)
                .header(ThreadProbe.ANSWER, "worker");
    }

    @Test
    void aKeyNotYetVerifiedIsLookedUpOffTheLoopAndThenServedFromTheCache() {
        String secret = IdentityApiTest.newKey("event loop", "analyst").get("secret").asText();
        Response first = evaluate("Bearer " + secret); // a cache miss and the first last-use stamp: both in the store
        first.then().statusCode(200).header(ThreadProbe.ANSWER, "event-loop");
        Response second = evaluate("Bearer " + secret); // from the cache
        second.then().statusCode(200).header(ThreadProbe.ANSWER, "event-loop");
        assertThat(second.asString()).isEqualTo(first.asString());
    }

    @Test
    void anOpenIdConnectTokenIsVerifiedOffTheLoop() {
        evaluate("Bearer " + TestTokens.signed(TestTokens.claims("dana", TestCaller.TENANT, "analyst")))
                .then().statusCode(200).header(ThreadProbe.ANSWER, "event-loop");
    }

    @Test
    void refusedCredentialsAreTheSameProblemsAsOnAWorker() {
        for (String authorization : new String[] {"Bearer pk_" + "A".repeat(43), "Bearer not-a-token", "Basic dXNlcjpwYXNz"}) {
            Response onLoop = evaluate(authorization);
            IdentityApiTest.refused(onLoop);
            Response onWorker = given().filter(Contract.RESPONSE_CONFORMS).header("Authorization", authorization).get("/api/v1/metrics");
            IdentityApiTest.refused(onWorker);
            assertThat(onLoop.jsonPath().getString("detail")).isEqualTo(onWorker.jsonPath().getString("detail"));
            assertThat(onLoop.header("WWW-Authenticate")).isEqualTo(onWorker.header("WWW-Authenticate"));
        }
        // a viewer may not evaluate: 403, decided after the key was looked up off the loop
        String viewer = IdentityApiTest.newKey("viewer on the loop", "viewer").get("secret").asText();
        evaluate("Bearer " + viewer).then().statusCode(403).contentType("application/problem+json");
    }
}
