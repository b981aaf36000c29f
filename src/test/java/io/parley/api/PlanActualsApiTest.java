package io.parley.api;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;

/** Plan versus actual: the variance is actual − the agreed scenario's own period figures, summed like for like. */
@QuarkusTest
class PlanActualsApiTest {

    static final String FILE = "packaging-retailer-renewal.json";

    /** A plan with the renewal scenario stored and marked agreed. */
    static long planWithAgreedScenario() {
        long id = PlansApiTest.created(PlansApiTest.plan(PlansApiTest.account("actuals"), "Dana Reyes"));
        ObjectNode body = Fixtures.MAPPER.createObjectNode().put("name", "proposal B").put("agreed", true);
        body.set("scenario", Fixtures.json(Fixtures.exampleText(FILE)));
        given().filter(Contract.CONFORMS).contentType(ContentType.JSON).accept(ContentType.JSON).body(body.toString())
                .when().post("/api/v1/plans/" + id + "/scenarios").then().statusCode(201);
        return id;
    }

    static JsonNode upload(long id, String contentType, String body) {
        return Fixtures.json(given().filter(Contract.CONFORMS).contentType(contentType).accept(ContentType.JSON).body(body)
                .when().post("/api/v1/plans/" + id + "/actuals").then().statusCode(200).extract().asString());
    }

    static JsonNode variance(long id) {
        return Fixtures.json(given().filter(Contract.CONFORMS).accept(ContentType.JSON)
                .when().get("/api/v1/plans/" + id + "/variance").then().statusCode(200).extract().asString());
    }

    @Test
    void eachPeriodIsComparedWithTheAgreedScenariosOwnPeriodAndSummedLikeForLike() {
        long id = planWithAgreedScenario();
        upload(id, "application/json", "{\"actuals\": [{\"period\": 1, \"netRevenue\": 6300000, \"rebate\": 60000, "
                + "\"cogs\": 4500000, \"costToServe\": 200000}, {\"period\": 7, \"netRevenue\": 1, \"rebate\": 0, \"cogs\": 0, \"costToServe\": 0}]}");
        upload(id, "text/csv", "period,netRevenue,rebate,cogs,costToServe,volume:srp-trays\r\n2,6500000,97000,4600000,210000,2600000\r\n");
        JsonNode v = variance(id);
        // the planned figures, independently: /evaluate's period table of the same scenario
        JsonNode planned = Fixtures.json(EvaluateApiTest.evaluate(Fixtures.exampleText(FILE), "?detail=periods").asString())
                .get("periods");
        double[][] actual = {{6_300_000, 60_000, 4_500_000, 200_000}, {6_500_000, 97_000, 4_600_000, 210_000}};
        String[] figures = {"netRevenue", "rebate", "cogs", "costToServe"};
        double[] sumPlanned = new double[4];
        double[] sumActual = new double[4];
        for (int t = 0; t < 2; t++) {
            JsonNode row = v.get("periods").get(t);
            assertThat(row.get("period").asInt()).isEqualTo(t + 1);
            for (int f = 0; f < 4; f++) {
                double p = planned.get(t).get(figures[f]).asDouble();
                JsonNode cell = row.get("figures").get(figures[f]);
                assertThat(cell.get("planned").asDouble()).as(figures[f]).isCloseTo(p, within(Math.abs(p) * 1e-12));
                assertThat(cell.get("actual").asDouble()).isEqualTo(actual[t][f]);
                assertThat(cell.get("variance").asDouble()).isCloseTo(actual[t][f] - p, within(Math.abs(p) * 1e-12 + 1e-6));
                sumPlanned[f] += p;
                sumActual[f] += actual[t][f];
            }
            // margin after cost to serve = NR − RB − COGS − CTS, on both sides
            double plannedMargin = planned.get(t).get("netRevenue").asDouble() - planned.get(t).get("rebate").asDouble()
                    - planned.get(t).get("cogs").asDouble() - planned.get(t).get("costToServe").asDouble();
            assertThat(row.get("figures").get("marginAfterCostToServe").get("planned").asDouble())
                    .isCloseTo(plannedMargin, within(Math.abs(plannedMargin) * 1e-12));
        }
        for (int f = 0; f < 4; f++) {
            JsonNode ytd = v.get("yearToDate").get(figures[f]);
            assertThat(ytd.get("planned").asDouble()).isCloseTo(sumPlanned[f], within(Math.abs(sumPlanned[f]) * 1e-12));
            assertThat(ytd.get("actual").asDouble()).isEqualTo(sumActual[f]);
        }
        // annual scenario: period 1 is contract year 1, period 2 year 2; period 7 is beyond the 5-year horizon
        assertThat(v.get("years")).hasSize(2);
        assertThat(v.get("periodsOutsideHorizon").get(0).asInt()).isEqualTo(7);
        // largest first
        double previous = Double.MAX_VALUE;
        for (JsonNode l : v.get("largest")) {
            double size = Math.abs(l.get("variance").asDouble());
            assertThat(size).isLessThanOrEqualTo(previous);
            previous = size;
        }
    }

    @Test
    void aPeriodUploadedAgainReplacesItsFiguresAndCsvMeansTheSameAsJson() {
        long id = planWithAgreedScenario();
        upload(id, "text/csv", "period,netRevenue,rebate,cogs,costToServe\n1,100,1,50,10\n");
        JsonNode stored = upload(id, "application/json",
                "{\"actuals\": [{\"period\": 1, \"netRevenue\": 200, \"rebate\": 2, \"cogs\": 60, \"costToServe\": 11}]}");
        assertThat(stored.get("actuals")).hasSize(1);
        assertThat(stored.get("actuals").get(0).get("netRevenue").asDouble()).isEqualTo(200.0);
    }

    @Test
    void withoutAnAgreedScenarioThereIsNothingToCompareWith() {
        long id = PlansApiTest.created(PlansApiTest.plan(PlansApiTest.account("no-agreed"), "Dana Reyes"));
        given().filter(Contract.CONFORMS).accept(ContentType.JSON).when().get("/api/v1/plans/" + id + "/variance")
                .then().statusCode(409).body("type", equalTo("urn:parley:problem:no-agreed-scenario"));
    }

    @Test
    void badActualsAreRefusedWithPointers() {
        long id = planWithAgreedScenario();
        given().filter(Contract.RESPONSE_CONFORMS).contentType(ContentType.JSON).accept(ContentType.JSON)
                .body("{\"actuals\": [{\"period\": 0, \"netRevenue\": -5, \"rebate\": 0, \"cogs\": 0, \"costToServe\": 0}]}")
                .when().post("/api/v1/plans/" + id + "/actuals")
                .then().statusCode(422)
                .body("errors.pointer", org.hamcrest.Matchers.hasItems("/actuals/0/period", "/actuals/0/netRevenue"));
        given().filter(Contract.RESPONSE_CONFORMS).contentType("text/csv").accept(ContentType.JSON).body("period,netRev\n1,2\n")
                .when().post("/api/v1/plans/" + id + "/actuals")
                .then().statusCode(422).body("errors[0].message", org.hamcrest.Matchers.containsString("no 'netRevenue' column"));
        given().filter(Contract.RESPONSE_CONFORMS).accept(ContentType.JSON).when().get("/api/v1/plans/999999999/variance")
                .then().statusCode(404);
    }
}
