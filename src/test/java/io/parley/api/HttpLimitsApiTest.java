package io.parley.api;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * A URI or headers over the limits the contract states are problems naming the limit, not the HTTP layer's
 * bare status, and conform to the contract, which declares 414 and 431 on every operation.
 */
@QuarkusTest
class HttpLimitsApiTest {

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
}
