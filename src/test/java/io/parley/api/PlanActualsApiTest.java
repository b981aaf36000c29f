package io.parley.api;

import java.util.List;

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
        return planWithAgreedScenario(null);
    }

    /** The same, with the plan's agreement starting on {@code agreementStart} (null: not set). */
    static long planWithAgreedScenario(String agreementStart) {
        ObjectNode plan = PlansApiTest.plan(PlansApiTest.account("actuals"), "Dana Reyes");
        if (agreementStart != null) plan.put("agreementStart", agreementStart);
        long id = PlansApiTest.created(plan);
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

    /** The agreed scenario's revenue after rebates (net revenue − rebate) in period t (0-based), from /evaluate. */
    static double plannedRevenue(int t) {
        JsonNode row = Fixtures.json(EvaluateApiTest.evaluate(Fixtures.exampleText(FILE), "?detail=periods").asString())
                .get("periods").get(t);
        return row.get("netRevenue").asDouble() - row.get("rebate").asDouble();
    }

    static final String PERIOD_1 = "{\"actuals\": [{\"period\": 1, \"netRevenue\": 6300000, \"rebate\": 60000, "
            + "\"cogs\": 4500000, \"costToServe\": 200000}]}";

    @Test
    void withoutAnAgreementStartTheTargetsCannotBePlacedAndTheReadSaysSo() {
        long id = planWithAgreedScenario();
        upload(id, "application/json", PERIOD_1);
        JsonNode targets = variance(id).get("targets");
        assertThat(targets.get("agreementStart").isNull()).isTrue();
        assertThat(targets.get("years")).isEmpty();
        assertThat(targets.get("note").asText()).contains("agreementStart");
    }

    @Test
    void aCalendarAgreementComparesEachYearsTargetWithItsPeriod() {
        // annual periods from 1 January: contract year 1 is calendar 2026, year 2 is 2027
        long id = planWithAgreedScenario("2026-01-01");
        upload(id, "application/json", PERIOD_1);
        JsonNode targets = variance(id).get("targets");
        assertThat(targets.get("agreementStart").asText()).isEqualTo("2026-01-01");
        assertThat(targets.get("note").isNull()).isTrue();
        // plan targets: 2026 revenue 6.3 M at 22 %, 2027 7.0 M without a margin target
        JsonNode y2026 = targets.get("years").get(0);
        assertThat(y2026.get("year").asInt()).isEqualTo(2026);
        assertThat(y2026.get("monthsInAgreement").asInt()).isEqualTo(12);
        assertThat(y2026.get("monthsWithActuals").asInt()).isEqualTo(12);
        JsonNode revenue = y2026.get("revenue");
        // actual revenue after rebates 6 300 000 − 60 000 = 6 240 000 against the whole year's 6 300 000
        assertThat(revenue.get("targetToDate").asDouble()).isCloseTo(6_300_000, within(1e-6));
        assertThat(revenue.get("actual").asDouble()).isCloseTo(6_240_000, within(1e-6));
        assertThat(revenue.get("variance").asDouble()).isCloseTo(-60_000, within(1e-6));
        assertThat(revenue.get("relative").asDouble()).isCloseTo(-60_000.0 / 6_300_000, within(1e-12));
        double planned1 = plannedRevenue(0);
        assertThat(revenue.get("plannedToDate").asDouble()).isCloseTo(planned1, within(planned1 * 1e-12));
        assertThat(revenue.get("plannedForYear").asDouble()).isCloseTo(planned1, within(planned1 * 1e-12));
        // margin after cost to serve: 6 240 000 − 4 500 000 − 200 000 = 1 540 000 of 6 240 000, against 22 %
        JsonNode margin = y2026.get("marginPct");
        assertThat(margin.get("actual").asDouble()).isCloseTo(1_540_000.0 / 6_240_000, within(1e-12));
        assertThat(margin.get("variance").asDouble()).isCloseTo(1_540_000.0 / 6_240_000 - 0.22, within(1e-12));
        // 2027: nothing reported yet; the plan for the year is contract year 2
        JsonNode y2027 = targets.get("years").get(1);
        assertThat(y2027.get("monthsWithActuals").asInt()).isZero();
        assertThat(y2027.get("revenue").get("targetToDate").asDouble()).isZero();
        assertThat(y2027.get("revenue").get("relative").isNull()).isTrue();
        assertThat(y2027.get("marginPct").get("target").isNull()).isTrue();
        double planned2 = plannedRevenue(1);
        assertThat(y2027.get("revenue").get("plannedForYear").asDouble()).isCloseTo(planned2, within(planned2 * 1e-12));
    }

    @Test
    void anAgreementFromJulyGivesHalfOfItsFirstYearToEachCalendarYear() {
        long id = planWithAgreedScenario("2026-07-01");
        upload(id, "application/json", PERIOD_1);
        JsonNode y2026 = variance(id).get("targets").get("years").get(0);
        // contract year 1 = July 2026–June 2027: six of its months are 2026's
        assertThat(y2026.get("monthsInAgreement").asInt()).isEqualTo(6);
        assertThat(y2026.get("monthsWithActuals").asInt()).isEqualTo(6);
        // actual 6 240 000 / 2 = 3 120 000 against 6 300 000 × 6 / 12 = 3 150 000
        assertThat(y2026.get("revenue").get("actual").asDouble()).isCloseTo(3_120_000, within(1e-6));
        assertThat(y2026.get("revenue").get("targetToDate").asDouble()).isCloseTo(3_150_000, within(1e-6));
        assertThat(y2026.get("revenue").get("variance").asDouble()).isCloseTo(-30_000, within(1e-6));
        // 2027 holds the other half of contract year 1 and half of year 2
        JsonNode y2027 = variance(id).get("targets").get("years").get(1);
        assertThat(y2027.get("monthsInAgreement").asInt()).isEqualTo(12);
        assertThat(y2027.get("monthsWithActuals").asInt()).isEqualTo(6);
        double plannedFor2027 = (plannedRevenue(0) + plannedRevenue(1)) / 2;
        assertThat(y2027.get("revenue").get("plannedForYear").asDouble()).isCloseTo(plannedFor2027, within(plannedFor2027 * 1e-12));
    }

    @Test
    void volumesAreComparedPerProductWithTheAgreedScenariosUnits() {
        long id = planWithAgreedScenario();
        upload(id, "text/csv", "period,netRevenue,rebate,cogs,costToServe,volume:srp-trays,volume:bubble-wrap\n"
                + "1,6300000,60000,4500000,200000,2400000,10\n2,6500000,97000,4600000,210000,2600000,\n");
        JsonNode volumes = variance(id).get("volumes");
        // srp-trays: 2 450 000 a year growing 3.5 %: 2 450 000 in year 1, 2 535 750 in year 2
        JsonNode trays = volumes.get("products").get(0);
        assertThat(trays.get("product").asText()).isEqualTo("srp-trays");
        assertThat(volumes.get("products")).hasSize(1);
        assertThat(trays.get("periods").get(0).get("planned").asDouble()).isCloseTo(2_450_000, within(1e-6));
        assertThat(trays.get("periods").get(0).get("variance").asDouble()).isCloseTo(-50_000, within(1e-6));
        assertThat(trays.get("periods").get(1).get("planned").asDouble()).isCloseTo(2_535_750, within(1e-6));
        assertThat(trays.get("periods").get(1).get("variance").asDouble()).isCloseTo(64_250, within(1e-6));
        assertThat(trays.get("toDate").get("planned").asDouble()).isCloseTo(4_985_750, within(1e-6));
        assertThat(trays.get("toDate").get("actual").asDouble()).isCloseTo(5_000_000, within(1e-6));
        assertThat(trays.get("toDate").get("relative").asDouble()).isCloseTo(14_250.0 / 4_985_750, within(1e-12));
        assertThat(volumes.get("notInScenario")).extracting(JsonNode::asText).containsExactly("bubble-wrap");
    }

    @Test
    void anAgreementStartMidMonthIsRefused() {
        ObjectNode plan = PlansApiTest.plan(PlansApiTest.account("mid-month"), "Dana Reyes").put("agreementStart", "2026-07-15");
        given().filter(Contract.RESPONSE_CONFORMS).contentType(ContentType.JSON).accept(ContentType.JSON)
                .body(PlansApiTest.change("Dana Reyes", null, plan).toString())
                .when().post("/api/v1/plans")
                .then().statusCode(422)
                .body("errors.pointer", org.hamcrest.Matchers.hasItem("/plan/agreementStart"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("first day of a month"));
    }

    @Test
    void aSemicolonCsvWithDecimalCommasFromExcelMeansTheSameAsJson() {
        long id = planWithAgreedScenario();
        JsonNode fromExcel = upload(id, "text/csv; charset=UTF-8", "\uFEFFperiod;netRevenue;rebate;cogs;costToServe;volume:srp-trays\r\n"
                + "1;6300000,50;60000;4500000;200000;2400000\r\n");
        JsonNode stored = fromExcel.get("actuals").get(0);
        assertThat(stored.get("netRevenue").asDouble()).isEqualTo(6_300_000.5);
        assertThat(stored.get("rebate").asDouble()).isEqualTo(60_000.0);
        assertThat(stored.get("volumes").get("srp-trays").asDouble()).isEqualTo(2_400_000.0);
    }

    @Test
    void aCsvInAnotherDeclaredCharsetIsReadInIt() {
        long id = planWithAgreedScenario();
        JsonNode stored = upload(id, "text/csv; charset=ISO-8859-1",
                "period,netRevenue,rebate,cogs,costToServe,volume:kühlbox\n1,1,0,0,0,5\n").get("actuals").get(0);
        assertThat(stored.get("volumes").get("kühlbox").asDouble()).isEqualTo(5.0);
        given().filter(Contract.RESPONSE_CONFORMS).contentType("text/csv; charset=klingon").accept(ContentType.JSON)
                .body("period,netRevenue,rebate,cogs,costToServe\n1,1,0,0,0\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/api/v1/plans/" + id + "/actuals")
                .then().statusCode(415).body("detail", org.hamcrest.Matchers.containsString("'klingon'"));
    }

    static List<String> csvLines(long id, String table) {
        String csv = given().filter(Contract.CONFORMS).accept("text/csv")
                .when().get("/api/v1/plans/" + id + "/variance?table=" + table)
                .then().statusCode(200).contentType("text/csv").extract().asString();
        return List.of(csv.split("\r\n"));
    }

    @Test
    void eachVarianceTableIsAlsoCsvForSpreadsheetsWithTheJsonFigures() {
        long id = planWithAgreedScenario("2026-01-01");
        upload(id, "text/csv", "period,netRevenue,rebate,cogs,costToServe,volume:srp-trays\n"
                + "1,6300000,60000,4500000,200000,2400000\n2,6500000,97000,4600000,210000,\n");
        JsonNode v = variance(id);

        // periods: a row per period and figure, in the JSON's order
        List<String> periods = csvLines(id, "periods");
        assertThat(periods.get(0)).isEqualTo("period,year,figure,planned,actual,variance,relative");
        assertThat(periods).hasSize(1 + 2 * 5);
        String[] cogs2 = periods.get(1 + 5 + 2).split(",");
        JsonNode json = v.get("periods").get(1).get("figures").get("cogs");
        assertThat(cogs2[0]).isEqualTo("2");
        assertThat(cogs2[1]).isEqualTo("2");
        assertThat(cogs2[2]).isEqualTo("cogs");
        assertThat(Double.parseDouble(cogs2[3])).isEqualTo(json.get("planned").asDouble());
        assertThat(Double.parseDouble(cogs2[4])).isEqualTo(4_600_000.0);
        assertThat(Double.parseDouble(cogs2[5])).isEqualTo(json.get("variance").asDouble());

        // years: contract years 1 and 2, then the year to date
        List<String> years = csvLines(id, "years");
        assertThat(years).hasSize(1 + 3 * 5);
        assertThat(years.get(11)).startsWith("toDate,netRevenue,");
        assertThat(Double.parseDouble(years.get(11).split(",")[3])).isEqualTo(12_800_000.0);

        // volumes: srp-trays in period 1 only (period 2's cell is empty), then its sum
        assertThat(csvLines(id, "volumes")).containsExactly("product,period,planned,actual,variance,relative",
                "srp-trays,1,2450000,2400000,-50000," + (-50_000.0 / 2_450_000),
                "srp-trays,toDate,2450000,2400000,-50000," + (-50_000.0 / 2_450_000));

        // targets: 2026 and 2027 (annual periods from January: period 2 is 2027); 2027 actual revenue after
        // rebates 6 500 000 − 97 000 = 6 403 000, 597 000 short; it has no margin target, so the target and
        // the margin variance are empty cells
        List<String> targets = csvLines(id, "targets");
        assertThat(targets).hasSize(3);
        String[] y2027 = targets.get(2).split(",", -1);
        assertThat(y2027).hasSize(14);
        assertThat(List.of(y2027).subList(0, 5)).containsExactly("2027", "12", "12", "7000000", "7000000");
        assertThat(y2027[6]).isEqualTo("6403000");
        assertThat(y2027[7]).isEqualTo("-597000");
        assertThat(y2027[10]).isEmpty();
        assertThat(y2027[13]).isEmpty();
    }

    @Test
    void actualsDownloadAsTheCsvAnUploadTakesAndRoundTrip() {
        long id = planWithAgreedScenario();
        JsonNode stored = upload(id, "application/json", "{\"actuals\": ["
                + "{\"period\": 1, \"netRevenue\": 6300000, \"rebate\": 60000, \"cogs\": 4500000, \"costToServe\": 200000,"
                + " \"volumes\": {\"srp-trays\": 2400000}},"
                + "{\"period\": 2, \"netRevenue\": 6500000.5, \"rebate\": 97000, \"cogs\": 4600000, \"costToServe\": 210000,"
                + " \"volumes\": {\"srp-trays\": 2600000, \"transit-cases\": 1200000}}]}");
        String csv = given().filter(Contract.CONFORMS).accept("text/csv").when().get("/api/v1/plans/" + id + "/actuals")
                .then().statusCode(200).contentType("text/csv").extract().asString();
        assertThat(csv).isEqualTo("period,netRevenue,rebate,cogs,costToServe,volume:srp-trays,volume:transit-cases\r\n"
                + "1,6300000,60000,4500000,200000,2400000,\r\n"
                + "2,6500000.5,97000,4600000,210000,2600000,1200000\r\n");
        // uploaded again as it came, it stores the same figures
        assertThat(upload(id, "text/csv; charset=UTF-8", csv)).isEqualTo(stored);
    }

    @Test
    void aPeriodUploadedByMistakeCanBeWithdrawn() {
        long id = planWithAgreedScenario();
        upload(id, "application/json", PERIOD_1);
        upload(id, "text/csv", "period,netRevenue,rebate,cogs,costToServe\n13,1,0,0,0\n");
        given().filter(Contract.CONFORMS).when().delete("/api/v1/plans/" + id + "/actuals/13").then().statusCode(204);
        JsonNode left = Fixtures.json(given().filter(Contract.CONFORMS).accept(ContentType.JSON)
                .when().get("/api/v1/plans/" + id + "/actuals").then().statusCode(200).extract().asString());
        assertThat(left.get("actuals")).extracting(a -> a.get("period").asInt()).containsExactly(1);
        assertThat(variance(id).get("periodsOutsideHorizon")).isEmpty();
        // again: nothing to withdraw; a period that is not one; a plan that does not exist
        given().filter(Contract.CONFORMS).accept("application/problem+json").when().delete("/api/v1/plans/" + id + "/actuals/13")
                .then().statusCode(404).body("detail", equalTo("plan " + id + " has no actuals for period 13"));
        given().filter(Contract.RESPONSE_CONFORMS).accept("application/problem+json").when().delete("/api/v1/plans/" + id + "/actuals/0")
                .then().statusCode(400).body("errors[0].pointer", equalTo("{period}"));
        given().filter(Contract.CONFORMS).accept("application/problem+json").when().delete("/api/v1/plans/999999999/actuals/1")
                .then().statusCode(404);
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
