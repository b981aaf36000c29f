package io.parley.api;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.parley.Fixtures;
import io.parley.engine.Line;
import io.parley.engine.Metric;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The CSV tables carry the same numbers as the JSON, in a shape a spreadsheet pastes. */
@QuarkusTest
class CsvApiTest {

    static final String FILE = "it-services-msa.json";

    static Response post(String path, String accept, String body) {
        return given().filter(Contract.CONFORMS)
                .contentType(ContentType.JSON).accept(accept).body(body)
                .when().post(path);
    }

    static JsonNode json() {
        return Fixtures.json(post("/api/v1/evaluate?detail=periods", "application/json", Fixtures.exampleText(FILE)).asString());
    }

    static List<String[]> csv(String query) {
        Response r = post("/api/v1/evaluate" + query, "text/csv", Fixtures.exampleText(FILE));
        r.then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/csv"))
                .header("Parley-Scenario-Hash", org.hamcrest.Matchers.startsWith("sha256:"));
        assertThat(r.asString()).contains("\r\n");
        return Arrays.stream(r.asString().split("\r\n")).map(line -> line.split(",", -1)).toList();
    }

    @Test
    void summaryIsMetricValuePairsWithNullsAsEmptyCells() {
        List<String[]> rows = csv("");
        JsonNode summary = json().get("summary");
        assertThat(rows.get(0)).containsExactly("metric", "value");
        assertThat(rows).hasSize(1 + Metric.values().length);
        for (String[] row : rows.subList(1, rows.size())) {
            JsonNode value = summary.get(row[0]);
            if (value.isNull()) {
                assertThat(row[1]).as(row[0]).isEmpty();
            } else {
                assertThat(row[1]).as(row[0] + " is plain, no exponent").doesNotContain("E");
                assertThat(Double.parseDouble(row[1])).as(row[0]).isEqualTo(value.doubleValue());
            }
        }
    }

    @Test
    void yearsTableHasAColumnPerLineAndTheJsonNumbers() {
        List<String[]> rows = csv("?table=years");
        JsonNode years = json().get("years");
        assertThat(rows).hasSize(1 + 3);
        assertThat(rows.get(0)[0]).isEqualTo("year");
        assertThat(rows.get(0)).hasSize(1 + Line.values().length);
        for (int y = 0; y < 3; y++) {
            for (int c = 1; c < rows.get(0).length; c++) {
                String column = rows.get(0)[c];
                JsonNode value = years.get(y).get(column);
                String cell = rows.get(y + 1)[c];
                if (value.isNull()) {
                    assertThat(cell).isEmpty();
                } else {
                    assertThat(Double.parseDouble(cell)).as(column + " year " + (y + 1)).isEqualTo(value.doubleValue());
                }
            }
        }
    }

    @Test
    void periodsAndProductsTables() {
        List<String[]> periods = csv("?table=periods");
        assertThat(periods).hasSize(1 + 12);
        assertThat(periods.get(0)[0]).isEqualTo("period");
        assertThat(periods.get(0)[1]).isEqualTo("year");
        assertThat(periods.get(5)[0]).isEqualTo("5");
        assertThat(periods.get(5)[1]).isEqualTo("2");
        List<String[]> products = csv("?table=products");
        JsonNode json = json().get("products");
        assertThat(products).hasSize(1 + json.size());
        assertThat(products.get(1)[0]).isEqualTo(json.get(0).get("id").asText());
        assertThat(Double.parseDouble(products.get(1)[4])).isEqualTo(json.get(0).get("netRevenue").doubleValue());
    }

    @Test
    void compareAsAScenarioSummaryMatrix() {
        String body = "{\"baseline\": " + Fixtures.exampleText(FILE)
                + ", \"variants\": [{\"name\": \"net 60, \\\"fast\\\"\", \"set\": {\"terms.paymentDays\": 60}}]}";
        Response r = post("/api/v1/compare", "text/csv", body);
        r.then().statusCode(200);
        String[] lines = r.asString().split("\r\n");
        assertThat(lines[0]).isEqualTo("metric,baseline,\"net 60, \"\"fast\"\"\",\"net 60, \"\"fast\"\" Δ\"");
        assertThat(lines).hasSize(1 + Metric.values().length);
        String[] financing = Arrays.stream(lines).filter(l -> l.startsWith("financingCost,")).findFirst().orElseThrow()
                .split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");
        double base = Double.parseDouble(financing[1]);
        double variant = Double.parseDouble(financing[2]);
        assertThat(Double.parseDouble(financing[3])).isEqualTo(variant - base);
        assertThat(variant).as("60 days cost more to finance than the MSA's terms").isGreaterThan(base);
    }

    @Test
    void anErrorIsAProblemEvenWhenCsvWasAsked() {
        given().filter(Contract.RESPONSE_CONFORMS).contentType(ContentType.JSON).accept("text/csv").body("{}")
                .when().post("/api/v1/evaluate")
                .then().statusCode(422).contentType("application/problem+json");
    }
}
