package io.parley.api;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

/** A saturated service says so: 503 with Retry-After, nothing computed, and it recovers at once. */
@QuarkusTest
class BusyApiTest {

    @Inject
    HeavyWork heavy;

    static String morris() {
        ObjectNode request = Fixtures.MAPPER.createObjectNode();
        request.set("scenario", Fixtures.json(Fixtures.exampleText("single-year-spot.json")));
        ObjectNode lever = request.putArray("levers").addObject();
        lever.put("path", "supplier.costOfCapital");
        lever.putObject("distribution").put("type", "uniform").put("min", 0.05).put("max", 0.12);
        return request.toString();
    }

    @Test
    void aSaturatedServiceAnswers503WithRetryAfterAndRecovers() {
        int taken = heavy.drain();
        try {
            given().filter(Contract.CONFORMS).contentType(ContentType.JSON).accept(ContentType.JSON).body(morris())
                    .when().post("/api/v1/analyses/morris")
                    .then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", "2")
                    .body("type", equalTo("urn:parley:problem:busy"));
        } finally {
            heavy.release(taken);
        }
        given().filter(Contract.CONFORMS).contentType(ContentType.JSON).accept(ContentType.JSON).body(morris())
                .when().post("/api/v1/analyses/morris")
                .then().statusCode(200);
    }

    @Test
    void aValidationProblemNeedsNoSlot() {
        int taken = heavy.drain();
        try {
            given().filter(Contract.RESPONSE_CONFORMS).contentType(ContentType.JSON).accept(ContentType.JSON)
                    .body(morris().replace("\"uniform\"", "\"uniformish\""))
                    .when().post("/api/v1/analyses/morris")
                    .then().statusCode(422);
        } finally {
            heavy.release(taken);
        }
    }
}
