package io.parley.api;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import static io.parley.api.UncertaintyApiTest.MONTE_CARLO;
import static io.parley.api.UncertaintyApiTest.SOBOL;
import static io.parley.api.UncertaintyApiTest.lever;
import static io.parley.api.UncertaintyApiTest.post;
import static io.parley.api.UncertaintyApiTest.rejected;
import static io.parley.api.UncertaintyApiTest.request;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * A rate per contract year through the API, every call checked against openapi.yaml: a sweep of one year's
 * growth against figures worked by hand, Monte Carlo's perYear streamed as one column per year, and the 422s.
 */
@QuarkusTest
class PerYearApiTest {

    /** Three years, annual: 1000 units a year at 10, costing 6, no growth. */
    static final String FLAT = """
            {"name": "flat deal", "currency": "EUR", "horizon": {"years": 3, "periodsPerYear": 1},
             "supplier": {"costOfCapital": 0.1},
             "products": [{"id": "widgets", "baseVolume": 1000, "listPrice": 10, "unitCost": 6}],
             "terms": {}}""";

    @Test
    void aSweepOverOneYearsGrowthMovesOnlyTheYearsAfterIt() {
        ObjectNode request = Fixtures.MAPPER.createObjectNode();
        request.set("scenario", Fixtures.json(FLAT));
        request.putArray("metrics").add("listRevenue");
        request.putArray("levers").addObject().put("path", "products[widgets].volumeGrowth[year=2]")
                .putArray("values").add(0).add(0.1);
        Response r = given().filter(Contract.CONFORMS).contentType(ContentType.JSON).accept(ContentType.JSON)
                .body(request.toString()).when().post("/api/v1/analyses/sweep");
        r.then().statusCode(200);
        JsonNode rows = Fixtures.json(r.asString()).get("rows");

        // volumes 1000, 1000, 1000 × (1 + g_2): year 2's growth carries year 2 into year 3 on an annual horizon
        // LR = 10 × (1000 + 1000 + 1000) = 30,000, then 10 × (1000 + 1000 + 1100) = 31,000
        assertThat(rows.get(0).get(1).doubleValue()).isCloseTo(30_000, within(1e-9));
        assertThat(rows.get(1).get(1).doubleValue()).isCloseTo(31_000, within(1e-9));
    }

    @Test
    void monteCarloStreamsOneColumnPerYearOfARateDrawnPerYear() {
        ObjectNode request = request(6);
        ObjectNode lever = (ObjectNode) request.putArray("levers").addObject().put("path", "products[srp-trays].volumeGrowth");
        lever.putObject("distribution").put("type", "normal").put("mean", 0.035).put("sd", 0.02);
        lever.putObject("perYear").put("correlation", 0.5);
        Response r = post(MONTE_CARLO, "", "text/csv", request);
        r.then().statusCode(200);

        // the example deal has five contract years
        assertThat(r.asString().split("\r\n")[0]).isEqualTo("sample,products[srp-trays].volumeGrowth[year=1],"
                + "products[srp-trays].volumeGrowth[year=2],products[srp-trays].volumeGrowth[year=3],"
                + "products[srp-trays].volumeGrowth[year=4],products[srp-trays].volumeGrowth[year=5],npv");
    }

    @Test
    void aCorrelationOutsideZeroToOneIsRefusedByItsPointer() {
        ObjectNode request = request(100);
        ObjectNode lever = (ObjectNode) request.putArray("levers").addObject().put("path", "products[srp-trays].volumeGrowth");
        lever.putObject("distribution").put("type", "uniform").put("min", 0).put("max", 0.05);
        lever.putObject("perYear").put("correlation", 1);
        rejected(MONTE_CARLO, request).body("errors[0].pointer", equalTo("/levers/0/perYear/correlation"))
                .body("errors[0].message", containsString("is not in [0, 1)"));
    }

    @Test
    void aLevelFieldCannotVaryPerYear() {
        ObjectNode request = request(100);
        ObjectNode lever = (ObjectNode) request.putArray("levers").addObject().put("path", "products[srp-trays].listPrice");
        lever.putObject("distribution").put("type", "uniform").put("min", 0.8).put("max", 0.9);
        lever.putObject("perYear").put("correlation", 0.3);
        rejected(MONTE_CARLO, request).body("errors[0].pointer", equalTo("/levers/0/perYear"))
                .body("errors[0].message", containsString("one value for the whole horizon; per contract year vary only "
                        + "the year-on-year rates"));

        // nor can a year be named on it, anywhere a lever path is read
        request = request(100);
        lever(request.putArray("levers"), "products[srp-trays].listPrice[year=2]", "uniform").put("min", 0.8).put("max", 0.9);
        rejected(MONTE_CARLO, request).body("errors[0].pointer", equalTo("/levers/0/path"))
                .body("errors[0].message", containsString("'listPrice' is one value for the whole horizon"));
    }

    @Test
    void sobolAndCorrelationsRefusePerYearAndSayWhy() {
        ObjectNode request = request(100);
        request.remove("samples");
        request.put("n", 64);
        ArrayNode levers = request.putArray("levers");
        ObjectNode growth = (ObjectNode) levers.addObject().put("path", "products[srp-trays].volumeGrowth");
        growth.putObject("distribution").put("type", "uniform").put("min", 0).put("max", 0.05);
        growth.putObject("perYear");
        lever(levers, "terms.renewalProbability", "uniform").put("min", 0.7).put("max", 0.95);
        rejected(SOBOL, request).body("errors[0].pointer", equalTo("/levers/0/perYear"))
                .body("errors[0].message", containsString("products[srp-trays].volumeGrowth[year=2]"));

        request.remove("n");
        request.put("samples", 100);
        ArrayNode correlations = request.putArray("correlations");
        correlations.addArray().add(1).add(0);
        correlations.addArray().add(0).add(1);
        rejected(MONTE_CARLO, request).body("errors[0].pointer", equalTo("/correlations"))
                .body("errors[0].message", containsString("not taken with a perYear lever"));
    }

    @Test
    void morrisScreensYearsNamedAsLeversOfTheirOwn() {
        // the example deal is annual over five years: year 5's growth acts after the horizon and moves nothing
        ObjectNode request = UncertaintyApiTest.request(0);
        request.remove("samples");
        ArrayNode levers = request.putArray("levers");
        lever(levers, "products[srp-trays].volumeGrowth[year=2]", "uniform").put("min", 0).put("max", 0.07);
        lever(levers, "products[srp-trays].volumeGrowth[year=5]", "uniform").put("min", 0).put("max", 0.07);
        request.put("trajectories", 8).put("levels", 4);
        JsonNode effects = UncertaintyApiTest.metric(Fixtures.json(UncertaintyApiTest.json(UncertaintyApiTest.MORRIS, request)), "npv")
                .get("effects");

        assertThat(effects.get(0).get("lever").asText()).isEqualTo("products[srp-trays].volumeGrowth[year=2]");
        assertThat(effects.get(0).get("muStar").doubleValue()).isPositive();
        assertThat(effects.get(1).get("lever").asText()).isEqualTo("products[srp-trays].volumeGrowth[year=5]");
        assertThat(effects.get(1).get("muStar").doubleValue()).isZero();
    }

    @Test
    void compareRefusesAYearsRateInAVariant() {
        ObjectNode request = Fixtures.MAPPER.createObjectNode();
        request.set("baseline", Fixtures.json(FLAT));
        request.putArray("variants").addObject().put("name", "growth").putObject("set")
                .put("products[widgets].volumeGrowth[year=2]", 0.1);
        given().filter(Contract.RESPONSE_CONFORMS).contentType(ContentType.JSON).accept(ContentType.JSON)
                .body(request.toString()).when().post("/api/v1/compare")
                .then().statusCode(422)
                .body("errors[0].message", containsString("is varied by the analyses of one scenario"));
    }
}
