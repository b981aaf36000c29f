package io.parley.api;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.Fixtures;
import io.parley.engine.Line;
import io.parley.engine.Metric;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

/** {@code POST /api/v1/evaluate} end to end, every call checked against openapi.yaml. */
@QuarkusTest
class EvaluateApiTest {

    static Response evaluate(String body, String query) {
        return given().filter(Contract.CONFORMS)
                .contentType(ContentType.JSON).accept(ContentType.JSON).body(body)
                .when().post("/api/v1/evaluate" + query);
    }

    @Test
    void everyExampleScenarioAnswersTheWorkedFigures() {
        JsonNode expected = Fixtures.expectedFigures();
        for (String file : Fixtures.exampleFiles()) {
            Response response = evaluate(Fixtures.exampleText(file), "");
            response.then().statusCode(200);
            JsonNode summary = Fixtures.json(response.asString()).get("summary");
            for (Metric m : Metric.values()) {
                JsonNode want = expected.get(file).get(m.apiName);
                JsonNode got = summary.get(m.apiName);
                if (want.isNull()) {
                    assertThat(got.isNull()).as(file + " " + m.apiName + " is null").isTrue();
                } else {
                    assertThat(got.doubleValue()).as(file + " " + m.apiName)
                            .isCloseTo(want.doubleValue(), within(Math.abs(want.doubleValue()) * 1e-9 + 1e-9));
                }
            }
        }
    }

    @Test
    void resultsSayWhatProducedThem() {
        Response response = evaluate(Fixtures.exampleText("packaging-retailer-renewal.json"), "");
        response.then().statusCode(200)
                .header("Parley-Model-Version", "v1")
                .header("Parley-Scenario-Hash", matchesPattern("sha256:[0-9a-f]{64}"))
                .body("provenance.modelVersion", equalTo("v1"))
                .body("provenance.engineVersion", equalTo(response.header("Parley-Engine-Version")))
                .body("provenance.scenarioHash", equalTo(response.header("Parley-Scenario-Hash")));
    }

    @Test
    void theHashIdentifiesTheMeaningNotTheSpelling() {
        String original = Fixtures.exampleText("single-year-spot.json");
        ObjectNode reordered = Fixtures.MAPPER.createObjectNode();
        JsonNode tree = Fixtures.json(original);
        List<String> names = iterate(tree);
        for (int i = names.size() - 1; i >= 0; i--) {
            reordered.set(names.get(i), tree.get(names.get(i)));
        }
        // the spot deal states no customer cost of capital: stating the default explicitly means the same
        reordered.putObject("customer").put("costOfCapital", tree.get("supplier").get("costOfCapital").doubleValue());
        String hash = evaluate(original, "").header("Parley-Scenario-Hash");
        assertThat(evaluate(reordered.toString(), "").header("Parley-Scenario-Hash")).isEqualTo(hash);

        ((ObjectNode) reordered.get("customer")).put("costOfCapital", 0.2);
        assertThat(evaluate(reordered.toString(), "").header("Parley-Scenario-Hash")).isNotEqualTo(hash);
    }

    @Test
    void yearAndProductTablesAddUpToTheSummary() {
        JsonNode body = Fixtures.json(evaluate(Fixtures.exampleText("industrial-consumables-rebates.json"), "").asString());
        double npv = body.get("summary").get("npv").doubleValue();
        double netRevenue = body.get("summary").get("netRevenue").doubleValue();
        double pv = 0, productNr = 0;
        for (JsonNode year : body.get("years")) pv += year.get("presentValue").doubleValue();
        for (JsonNode product : body.get("products")) productNr += product.get("netRevenue").doubleValue();
        assertThat(body.get("years")).hasSize(4);
        assertThat(body.has("periods")).as("periods only on request").isFalse();
        assertThat(pv).isCloseTo(npv, within(Math.abs(npv) * 1e-12));
        assertThat(productNr).isCloseTo(netRevenue, within(netRevenue * 1e-12));
    }

    @Test
    void periodsComeOnRequest() {
        JsonNode body = Fixtures.json(evaluate(Fixtures.exampleText("telecom-enterprise-monthly.json"), "?detail=periods").asString());
        JsonNode periods = body.get("periods");
        assertThat(periods).hasSize(48);
        assertThat(periods.get(12).get("period").intValue()).isEqualTo(13);
        assertThat(periods.get(12).get("year").intValue()).isEqualTo(2);
        double yearTwoRevenue = 0;
        for (int t = 12; t < 24; t++) yearTwoRevenue += periods.get(t).get("netRevenue").doubleValue();
        assertThat(yearTwoRevenue).isCloseTo(body.get("years").get(1).get("netRevenue").doubleValue(),
                within(yearTwoRevenue * 1e-12));
    }

    @Test
    void everyLineOfTheYearTableIsReported() {
        JsonNode year = Fixtures.json(evaluate(Fixtures.exampleText("it-services-msa.json"), "").asString())
                .get("years").get(0);
        for (Line line : Line.values()) {
            assertThat(year.has(line.apiName)).as(line.apiName).isTrue();
        }
    }

    @Test
    void theMetricCatalogueNamesEveryMetric() {
        given().filter(Contract.CONFORMS).accept(ContentType.JSON)
                .when().get("/api/v1/metrics")
                .then().statusCode(200)
                .body("metrics.size()", equalTo(Metric.values().length))
                .body("metrics[13].name", equalTo("npv"))
                .body("metrics[13].unit", equalTo("currency"));
    }

    @Test
    void theContractAndItsUiAreServed() {
        given().when().get("/openapi.yaml").then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("/api/v1/evaluate"));
        given().when().get("/swagger-ui/").then().statusCode(200);
    }

    private static List<String> iterate(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
