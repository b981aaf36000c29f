package io.parley.api;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.Fixtures;
import io.parley.engine.CompiledScenario;
import io.parley.engine.Metric;
import io.parley.model.Levers;
import io.parley.model.Scenario;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** {@code POST /api/v1/compare}: each variant equals a plain evaluation, and its delta is the difference. */
@QuarkusTest
class CompareApiTest {

    static JsonNode compare(ObjectNode request) {
        return Fixtures.json(given().filter(Contract.CONFORMS)
                .contentType(ContentType.JSON).accept(ContentType.JSON).body(request.toString())
                .when().post("/api/v1/compare")
                .then().statusCode(200).extract().asString());
    }

    static ObjectNode request(String file) {
        ObjectNode request = Fixtures.MAPPER.createObjectNode();
        request.set("baseline", Fixtures.json(Fixtures.exampleText(file)));
        request.putArray("variants");
        return request;
    }

    @Test
    void aVariantOfOverridesEqualsEvaluatingTheChangedScenario() {
        String file = "packaging-retailer-renewal.json";
        ObjectNode request = request(file);
        ObjectNode variant = ((com.fasterxml.jackson.databind.node.ArrayNode) request.get("variants")).addObject();
        variant.put("name", "8 % on trays, 45 days");
        variant.putObject("set")
                .put("terms.discounts[srp-trays]", 0.08)
                .put("terms.paymentDays", 45)
                // a discount the terms did not have yet is created
                .put("terms.discounts[stretch-film]", 0.05);

        JsonNode result = compare(request);

        Scenario s = Fixtures.example(file);
        s = Levers.apply(s, Levers.resolve("terms.discounts[srp-trays]", s), 0.08);
        s = Levers.apply(s, Levers.resolve("terms.paymentDays", s), 45);
        s = Levers.apply(s, Levers.resolve("terms.discounts[stretch-film]", s), 0.05);
        double[] want = CompiledScenario.compile(s).summary();
        double[] base = CompiledScenario.compile(Fixtures.example(file)).summary();

        JsonNode v = result.get("variants").get(0);
        assertThat(v.get("name").asText()).isEqualTo("8 % on trays, 45 days");
        for (Metric m : Metric.values()) {
            if (Double.isNaN(want[m.ordinal()])) continue;
            assertThat(v.get("summary").get(m.apiName).doubleValue()).as(m.apiName)
                    .isCloseTo(want[m.ordinal()], within(Math.abs(want[m.ordinal()]) * 1e-12));
            assertThat(v.get("delta").get(m.apiName).doubleValue()).as("delta " + m.apiName)
                    .isCloseTo(want[m.ordinal()] - base[m.ordinal()], within(Math.abs(base[m.ordinal()]) * 1e-12 + 1e-9));
            assertThat(result.get("baseline").get("summary").get(m.apiName).doubleValue())
                    .isCloseTo(base[m.ordinal()], within(Math.abs(base[m.ordinal()]) * 1e-12));
        }
        assertThat(v.get("scenarioHash").asText()).isNotEqualTo(result.get("baseline").get("scenarioHash").asText());
    }

    @Test
    void aFullScenarioVariantIsEvaluatedAsItStands() {
        ObjectNode request = request("single-year-spot.json");
        ObjectNode variant = ((com.fasterxml.jackson.databind.node.ArrayNode) request.get("variants")).addObject();
        variant.put("name", "same deal");
        variant.set("scenario", Fixtures.json(Fixtures.exampleText("single-year-spot.json")));
        JsonNode result = compare(request);
        JsonNode v = result.get("variants").get(0);
        // the same scenario twice: every delta is exactly zero (or null), and the hashes agree
        v.get("delta").fields().forEachRemaining(e -> {
            if (!e.getValue().isNull()) assertThat(e.getValue().doubleValue()).as(e.getKey()).isZero();
        });
        assertThat(v.get("scenarioHash").asText()).isEqualTo(result.get("baseline").get("scenarioHash").asText());
        assertThat(v.get("delta").get("revenueCagr").isNull()).as("null when the metric is null").isTrue();
    }

    @Test
    void overridesThatBreakARuleAreReportedAtTheOverride() {
        ObjectNode request = request("single-year-spot.json");
        ObjectNode variant = ((com.fasterxml.jackson.databind.node.ArrayNode) request.get("variants")).addObject();
        variant.put("name", "too much");
        variant.putObject("set").put("terms.paymentDays", 400).put("terms.contractYears", 1.5);
        given().filter(Contract.RESPONSE_CONFORMS)
                .contentType(ContentType.JSON).accept(ContentType.JSON).body(request.toString())
                .when().post("/api/v1/compare")
                .then().statusCode(422)
                .body("errors.pointer", org.hamcrest.Matchers.hasItems(
                        "/variants/0/set/terms.paymentDays", "/variants/0/set/terms.contractYears"))
                .body("errors.message", org.hamcrest.Matchers.hasItems(
                        "400 is outside 0–365 days", "1.5 is not a whole number"));
    }

    @Test
    void duplicateVariantNamesAreRejected() {
        ObjectNode request = request("single-year-spot.json");
        var variants = (com.fasterxml.jackson.databind.node.ArrayNode) request.get("variants");
        variants.addObject().put("name", "A").putObject("set").put("terms.paymentDays", 30);
        variants.addObject().put("name", "A").putObject("set").put("terms.paymentDays", 60);
        given().filter(Contract.RESPONSE_CONFORMS)
                .contentType(ContentType.JSON).accept(ContentType.JSON).body(request.toString())
                .when().post("/api/v1/compare")
                .then().statusCode(422)
                .body("errors[0].pointer", org.hamcrest.Matchers.equalTo("/variants/1/name"));
    }
}
