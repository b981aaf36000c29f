package io.parley.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * A figure past the largest double is never answered as the string "Infinity": a scenario whose
 * figures overflow (a unit cost of 1e308 × 2.45 M trays) is refused with a 422 at the product, in
 * every operation that reads a scenario.
 */
@QuarkusTest
class OverflowApiTest {

    static final String PROBLEM = "application/problem+json";

    /** The packaging example with its first product (srp-trays, 2.45 M a year) costing 1e308 a unit. */
    static ObjectNode overflowing() {
        ObjectNode s = UncertaintyApiTest.scenario();
        ((ObjectNode) s.withArray("products").get(0)).put("unitCost", 1e308);
        return s;
    }

    static ValidatableResponse post(String path, ObjectNode body) {
        return given().filter(Contract.CONFORMS).contentType(ContentType.JSON).accept(ContentType.JSON)
                .body(body.toString()).when().post(path).then();
    }

    @Test
    void evaluateRefusesAScenarioWhoseFiguresOverflowNamingTheProduct() {
        post("/api/v1/evaluate", overflowing()).statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("urn:parley:problem:validation"))
                .body("errors.size()", equalTo(1))
                .body("errors[0].pointer", equalTo("/products/0"))
                .body("errors[0].message", containsString("'srp-trays' overflow (cogs"));
    }

    @Test
    void tornadoRefusesTheOverflowingScenarioAtItsPlaceInTheRequest() {
        ObjectNode request = AnalysesApiTest.tornadoRequest();
        request.set("scenario", overflowing());
        post("/api/v1/analyses/tornado", request).statusCode(422)
                .body("errors[0].pointer", equalTo("/scenario/products/0"));
    }

    @Test
    void monteCarloRefusesTheOverflowingScenario() {
        ObjectNode request = UncertaintyApiTest.request(50);
        request.set("scenario", overflowing());
        UncertaintyApiTest.lever(request.putArray("levers"), "products[srp-trays].baseVolume", "uniform")
                .put("min", 2_000_000).put("max", 2_600_000);
        post(UncertaintyApiTest.MONTE_CARLO, request).statusCode(422)
                .body("errors[0].pointer", equalTo("/scenario/products/0"));
    }
}
