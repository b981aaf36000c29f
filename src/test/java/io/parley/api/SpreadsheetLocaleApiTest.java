package io.parley.api;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.parley.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.parley.api.PlanScenariosApiTest.added;
import static io.parley.api.PlanScenariosApiTest.example;
import static io.parley.api.PlanScenariosApiTest.metric;
import static io.parley.api.PlanScenariosApiTest.newPlan;
import static io.parley.api.PlanScenariosApiTest.scenarios;
import static io.parley.api.PlanScenariosApiTest.set;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** Spreadsheets in their own locale: decimal commas in, decimal commas out, and no number guessed. */
@QuarkusTest
class SpreadsheetLocaleApiTest {

    private static final String HEADER = "period;netRevenue;rebate;cogs;costToServe;volume:srp-trays";

    @Test
    void aGermanSheetDeclaresItsLocaleAndGetsTheJsonFigureWithADecimalComma() {
        String path = storedScenario("GermanSheet");
        double npv = Api.ok(path + "/evaluate", set("terms.discounts[srp-trays]", 0.08)).get("summary").get("npv").asDouble();

        String text = metric(Contract.CONFORMS, path + "/metrics/npv", "locale=de-DE&set=terms.discounts%5Bsrp-trays%5D:0,08")
                .then().statusCode(200).contentType(startsWith("text/plain")).extract().asString();
        assertThat(text).contains(",").doesNotContain(".");
        assertThat(Double.parseDouble(text.replace(',', '.'))).isEqualTo(npv);
        // undeclared, a lone decimal comma is read too, and the answer keeps its decimal point
        String undeclared = metric(Contract.CONFORMS, path + "/metrics/npv", "set=terms.discounts%5Bsrp-trays%5D:0,08").asString();
        assertThat(Double.parseDouble(undeclared)).isEqualTo(npv);
    }

    @Test
    void anAmbiguousSetValueWithoutALocaleIsA422SayingHowToDeclareOne() {
        String path = storedScenario("Ambiguous");
        metric(Contract.CONFORMS, path + "/metrics/npv", "set=terms.paymentDays:1.000")
                .then().statusCode(422).body("errors[0].pointer", equalTo("?set"))
                .body("errors[0].message", containsString("'1.000' is 1 with a decimal point and 1000 with a decimal comma"))
                .body("errors[0].message", containsString("locale=de-DE"));
        metric(Contract.RESPONSE_CONFORMS, path + "/metrics/npv", "locale=Deutsch")
                .then().statusCode(400).body("errors[0].pointer", equalTo("?locale"));
    }

    @Test
    void theMetricReadAnswersTheAcceptsGeneratedClientsSend() {
        String path = storedScenario("Accepts");
        String npv = metric(Contract.CONFORMS, path + "/metrics/npv", null).asString();
        for (String accept : new String[] {"application/json", "application/problem+json", "*/*", "text/csv"}) {
            given().urlEncodingEnabled(false).accept(accept).when().get(path + "/metrics/npv")
                    .then().statusCode(200).contentType(startsWith("text/plain")).body(equalTo(npv));
        }
    }

    @Test
    void aSemicolonUploadWithThousandsSeparatorsIsRefusedUndeclaredAndReadDeclared() {
        long id = PlanActualsApiTest.planWithAgreedScenario();
        String sheet = HEADER + "\r\n1;6.300.000,5;60.000;4.500.000;200.000;2.400.000\r\n;;;;;\r\n";
        given().filter(Contract.CONFORMS).contentType("text/csv").accept(ContentType.JSON).body(sheet)
                .when().post("/api/v1/plans/" + id + "/actuals")
                .then().statusCode(422).body("errors[0].pointer", equalTo("line 2"))
                .body("errors[0].message", containsString("rebate: '60.000' in a semicolon-separated file is 60000"))
                .body("errors[0].message", containsString("?locale=de-DE"));

        JsonNode stored = Fixtures.json(given().filter(Contract.CONFORMS).contentType("text/csv").accept(ContentType.JSON)
                .body(sheet).when().post("/api/v1/plans/" + id + "/actuals?locale=de-DE")
                .then().statusCode(200).extract().asString());
        JsonNode period = stored.get("actuals").get(0);
        assertThat(period.get("netRevenue").asDouble()).isEqualTo(6_300_000.5);
        assertThat(period.get("rebate").asDouble()).isEqualTo(60_000);
        assertThat(period.get("volumes").get("srp-trays").asDouble()).isEqualTo(2_400_000);
    }

    @Test
    void anExcelEuDownloadRoundTripsThroughAGermanUpload() {
        long id = PlanActualsApiTest.planWithAgreedScenario();
        PlanActualsApiTest.upload(id, "application/json", "{\"actuals\": [{\"period\": 1, \"netRevenue\": 6300000.5, \"rebate\": 60000.25, "
                + "\"cogs\": 4500000, \"costToServe\": 200000, \"volumes\": {\"srp-trays\": 2400000}}]}");
        byte[] download = given().filter(Contract.CONFORMS).accept("text/csv")
                .when().get("/api/v1/plans/" + id + "/actuals?dialect=excel-eu")
                .then().statusCode(200).contentType(startsWith("text/csv")).extract().asByteArray();
        String text = new String(download, StandardCharsets.UTF_8);
        assertThat(text).startsWith("\uFEFFperiod;netRevenue;rebate;cogs;costToServe;volume:srp-trays\r\n")
                .contains("\r\n1;6300000,5;60000,25;4500000;200000;2400000\r\n");

        PlanActualsApiTest.upload(id, "application/json", "{\"actuals\": [{\"period\": 1, \"netRevenue\": 1, \"rebate\": 0, "
                + "\"cogs\": 0, \"costToServe\": 0}]}");
        JsonNode again = Fixtures.json(given().filter(Contract.CONFORMS).contentType("text/csv; charset=UTF-8").accept(ContentType.JSON)
                .body(download).when().post("/api/v1/plans/" + id + "/actuals?locale=de-DE")
                .then().statusCode(200).extract().asString());
        assertThat(again.get("actuals").get(0).get("netRevenue").asDouble()).isEqualTo(6_300_000.5);
        assertThat(again.get("actuals").get(0).get("rebate").asDouble()).isEqualTo(60_000.25);

        byte[] withBom = given().filter(Contract.CONFORMS).accept("text/csv")
                .when().get("/api/v1/plans/" + id + "/variance?table=targets&bom=true").then().statusCode(200).extract().asByteArray();
        assertThat(new String(withBom, StandardCharsets.UTF_8)).startsWith("\uFEFF");
    }

    private static String storedScenario(String account) {
        long plan = newPlan(account);
        return scenarios(plan) + "/" + added(plan, "Proposal B", null, example(PlanScenariosApiTest.RENEWAL)).get("id").asLong();
    }
}
