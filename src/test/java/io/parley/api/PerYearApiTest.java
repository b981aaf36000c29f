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

    /** Sobol or Morris of the flat deal's list revenue: growth drawn per year, uniform on [0, 0.2], and maybe more levers. */
    static ObjectNode flatPerYear(String horizonYears) {
        ObjectNode request = Fixtures.MAPPER.createObjectNode();
        request.set("scenario", Fixtures.json(FLAT.replace("\"years\": 3", "\"years\": " + horizonYears)));
        request.putArray("metrics").add("listRevenue");
        ObjectNode growth = (ObjectNode) request.putArray("levers").addObject().put("path", "products[widgets].volumeGrowth");
        growth.putObject("distribution").put("type", "uniform").put("min", 0).put("max", 0.2);
        growth.putObject("perYear");
        return request;
    }

    @Test
    void sobolReadsARateDrawnPerYearAsOneFactorOfItsYears() {
        // LR = P × W with W = 1000 (1 + a + a b), a = 1 + g_1, b = 1 + g_2 (year 3's growth acts after the
        // annual horizon), P uniform on [8, 12] independent of the years: for a product of independent factors
        // S_P = E[W]² Var P / Var LR, S_G = E[P]² Var W / Var LR, ST_G = 1 − S_P, ST_P = 1 − S_G
        ObjectNode request = flatPerYear("3").put("n", 4096).put("seed", 11);
        lever((ArrayNode) request.get("levers"), "products[widgets].listPrice", "uniform").put("min", 8).put("max", 12);
        double ew = 1000 * (1 + 1.1 + 1.1 * 1.1);                                          // 3,310
        double vw = 1e6 * ((1.21 + 0.04 / 12) * (4.41 + 0.04 / 12) - Math.pow(1.1 * 2.1, 2)); // 18,744
        double ep = 10, vp = 16.0 / 12;
        double v = (ep * ep + vp) * (ew * ew + vw) - ep * ep * ew * ew;
        double sP = ew * ew * vp / v;                                                       // 0.885
        double sG = ep * ep * vw / v;                                                       // 0.114

        JsonNode indices = UncertaintyApiTest.metric(Fixtures.json(UncertaintyApiTest.json(SOBOL, request)), "listRevenue")
                .get("indices");
        assertThat(indices).hasSize(2);
        for (JsonNode ix : indices) {
            boolean years = ix.get("group").asText().equals("products[widgets].volumeGrowth");
            if (years) {
                assertThat(Fixtures.MAPPER.convertValue(ix.get("levers"), String[].class)).containsExactly(
                        "products[widgets].volumeGrowth[year=1]", "products[widgets].volumeGrowth[year=2]",
                        "products[widgets].volumeGrowth[year=3]");
            } else {
                assertThat(ix.get("group").asText()).isEqualTo("products[widgets].listPrice");
            }
            assertThat(ix.get("first").doubleValue()).as("S").isCloseTo(years ? sG : sP, within(0.02));
            assertThat(ix.get("total").doubleValue()).as("ST").isCloseTo(years ? 1 - sP : 1 - sG, within(0.02));
        }
    }

    @Test
    void morrisStepsEveryYearOfARateDrawnPerYearTogether() {
        // two annual years: LR = 10 × 1000 × (1 + (1 + g_1)); year 2's growth acts after the horizon. On 4 levels
        // a step moves each year's quantile by 3/4 × 2/3 of the range, g_1 by 0.1, LR by 1000, over a step of
        // 2/3: every effect of the years' group is 1000 / (2/3) = 1500, σ = 0
        ObjectNode request = flatPerYear("2").put("trajectories", 6).put("levels", 4);
        JsonNode answer = Fixtures.json(UncertaintyApiTest.json(UncertaintyApiTest.MORRIS, request));
        assertThat(answer.get("evaluations").asLong()).as("one factor: r × (1 + 1)").isEqualTo(12);
        JsonNode effect = UncertaintyApiTest.metric(answer, "listRevenue").get("effects").get(0);
        assertThat(effect.get("group").asText()).isEqualTo("products[widgets].volumeGrowth");
        assertThat(Fixtures.MAPPER.convertValue(effect.get("elementaryEffects"), Double[].class)).hasSize(6)
                .allSatisfy(e -> assertThat(e).isCloseTo(1500, within(1e-6)));
    }

    @Test
    void sobolAndMorrisRefuseYearsCorrelatedYearToYear() {
        ObjectNode request = flatPerYear("3").put("n", 64);
        ((ObjectNode) request.get("levers").get(0).get("perYear")).put("correlation", 0.4);
        rejected(SOBOL, request).body("errors[0].pointer", equalTo("/levers/0/perYear/correlation"))
                .body("errors[0].message", containsString("one factor of independent draws"));
    }

    @Test
    void aMatrixNamesTheRequestsLeversAndHoldsWithinEachYear() {
        ObjectNode request = request(200);
        ArrayNode levers = request.putArray("levers");
        ObjectNode growth = (ObjectNode) levers.addObject().put("path", "products[srp-trays].volumeGrowth");
        growth.putObject("distribution").put("type", "uniform").put("min", 0).put("max", 0.05);
        growth.putObject("perYear").put("correlation", 0.5);
        lever(levers, "terms.renewalProbability", "uniform").put("min", 0.7).put("max", 0.95);
        ArrayNode correlations = request.putArray("correlations");
        correlations.addArray().add(1).add(0.4);
        correlations.addArray().add(0.4).add(1);
        Response r = post(MONTE_CARLO, "", "application/json", request);
        r.then().statusCode(200);

        // one row per year would be a row per drawn lever, not per requested one
        correlations.addArray().add(0).add(0).add(1);
        ((ArrayNode) correlations.get(0)).add(0);
        ((ArrayNode) correlations.get(1)).add(0);
        rejected(MONTE_CARLO, request).body("errors[0].pointer", equalTo("/correlations"))
                .body("errors[0].message", containsString("needs one per uncertain lever of the request (2); a lever drawn per year is one row"));
    }

    /**
     * The contract's yearByYear answer example (checked to be the service's answer by ExampleAnswersApiTest) says
     * what the deal is worth at each row's rates: a sweep that sets the five years' growth to a row's values, one
     * point, evaluates the deal directly and must give the row's npv.
     */
    @Test
    void theYearByYearExamplesRowsAreTheDealAtTheirYearsRates() {
        JsonNode post = ExampleAnswersApiTest.contract().get("paths").get("/api/v1/analyses/monte-carlo").get("post");
        JsonNode example = post.at("/requestBody/content/application~1json/examples/yearByYear/value");
        String[] lines = post.at("/responses/200/content/text~1csv/examples/yearByYear/value").asText().split("\n");
        String[] header = lines[0].split(",");
        assertThat(header).hasSize(7);
        assertThat(lines).hasSize(7);
        for (int row = 1; row < lines.length; row++) {
            String[] cells = lines[row].split(",");
            ObjectNode sweep = Fixtures.MAPPER.createObjectNode();
            sweep.set("scenario", example.get("scenario"));
            sweep.putArray("metrics").add("npv");
            ArrayNode levers = sweep.putArray("levers");
            for (int year = 1; year <= 5; year++) {
                assertThat(header[year]).isEqualTo("products[srp-trays].volumeGrowth[year=" + year + "]");
                levers.addObject().put("path", header[year]).putArray("values").add(Double.parseDouble(cells[year]));
            }
            Response r = given().filter(Contract.CONFORMS).contentType(ContentType.JSON).accept(ContentType.JSON)
                    .body(sweep.toString()).when().post("/api/v1/analyses/sweep");
            r.then().statusCode(200);
            double npv = Double.parseDouble(cells[6]);
            assertThat(Fixtures.json(r.asString()).get("rows").get(0).get(5).doubleValue()).as("row %d", row)
                    .isCloseTo(npv, within(1e-9 * Math.abs(npv)));
        }
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
