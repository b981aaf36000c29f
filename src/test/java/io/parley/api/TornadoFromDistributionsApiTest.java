package io.parley.api;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.Fixtures;
import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.hasItem;

/**
 * A tornado drawn from the levers' distributions, end to end and checked against openapi.yaml: the bar of
 * a lever with a distribution runs from its P10 to its P90 (closed forms: a normal's mean ∓ 1.2815515655446004
 * sd, a uniform's min + 0.1 and 0.9 of its width), and is the metric at those values, as /evaluate says.
 */
@QuarkusTest
class TornadoFromDistributionsApiTest {

    private static final String TORNADO = "/api/v1/analyses/tornado";
    private static final String TRAYS = "products[srp-trays].baseVolume";
    private static final String RENEWAL = "terms.renewalProbability";

    private static ObjectNode request() {
        ObjectNode request = Fixtures.MAPPER.createObjectNode();
        request.set("scenario", UncertaintyApiTest.scenario());
        ArrayNode levers = request.putArray("levers");
        UncertaintyApiTest.lever(levers, TRAYS, "normal").put("mean", 2_400_000).put("sd", 100_000);
        UncertaintyApiTest.lever(levers, RENEWAL, "uniform").put("min", 0.7).put("max", 0.9);
        levers.addObject().put("path", "terms.paymentDays").put("low", 45).put("high", 75);
        return request;
    }

    private static double npvWith(String path, double value) {
        ObjectNode scenario = UncertaintyApiTest.scenario();
        ObjectNode compare = Fixtures.MAPPER.createObjectNode();
        compare.set("baseline", scenario);
        compare.putArray("variants").addObject().put("name", "moved").putObject("set").put(path, value);
        String body = given().filter(Contract.CONFORMS).contentType("application/json").accept("application/json")
                .body(compare.toString()).when().post("/api/v1/compare").then().statusCode(200).extract().asString();
        return Fixtures.json(body).get("variants").get(0).get("summary").get("npv").asDouble();
    }

    @Test
    void aBarWithADistributionRunsFromItsP10ToItsP90() {
        String body = given().filter(Contract.CONFORMS).contentType("application/json").accept("application/json")
                .body(request().toString()).when().post(TORNADO).then().statusCode(200).extract().asString();
        JsonNode bars = Fixtures.json(body).get("metrics").get(0).get("bars");
        double z = 1.2815515655446004;
        for (JsonNode bar : bars) {
            String lever = bar.get("lever").asText();
            double low = bar.get("low").asDouble();
            double high = bar.get("high").asDouble();
            if (lever.equals(TRAYS)) {
                assertThat(low).isCloseTo(2_400_000 - z * 100_000, within(1e-6));
                assertThat(high).isCloseTo(2_400_000 + z * 100_000, within(1e-6));
            } else if (lever.equals(RENEWAL)) {
                assertThat(low).isCloseTo(0.72, within(1e-12));
                assertThat(high).isCloseTo(0.88, within(1e-12));
            } else {
                assertThat(new double[] {low, high}).containsExactly(45, 75);
                continue;
            }
            double atLow = npvWith(lever, low);
            double atHigh = npvWith(lever, high);
            assertThat(bar.get("atLow").asDouble()).as(lever).isCloseTo(atLow, within(1e-9 * Math.abs(atLow)));
            assertThat(bar.get("atHigh").asDouble()).as(lever).isCloseTo(atHigh, within(1e-9 * Math.abs(atHigh)));
        }
    }

    @Test
    void aDistributionWithLowAndHighOrAnInvalidOneIsRefusedWhereItIs() {
        ObjectNode mixed = request();
        ((ObjectNode) mixed.get("levers").get(0)).put("low", 1);
        given().filter(Contract.RESPONSE_CONFORMS).contentType("application/json").accept("application/json")
                .body(mixed.toString()).when().post(TORNADO)
                .then().statusCode(422).body("errors.pointer", hasItem("/levers/0"));
        ObjectNode negative = request();
        ((ObjectNode) negative.get("levers").get(0).get("distribution")).put("sd", -1);
        given().filter(Contract.RESPONSE_CONFORMS).contentType("application/json").accept("application/json")
                .body(negative.toString()).when().post(TORNADO)
                .then().statusCode(422).body("errors.pointer", hasItem("/levers/0/distribution/sd"));
    }
}
