package io.parley.api;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import static io.parley.api.PlanScenariosApiTest.added;
import static io.parley.api.PlanScenariosApiTest.example;
import static io.parley.api.PlanScenariosApiTest.newPlan;
import static io.parley.api.PlanScenariosApiTest.scenarios;
import static io.parley.api.PlanScenariosApiTest.set;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** Many figures in one read for a sheet: each cell is the JSON answer's figure for the same scenario and lever value. */
@QuarkusTest
class PlanFiguresApiTest {

    private static final String TRAYS = "terms.discounts[srp-trays]";
    private static final String LEVER = "lever=terms.discounts%5Bsrp-trays%5D";

    @Test
    void aRowPerLeverValueHoldsTheJsonFiguresAtThatValue() {
        String path = stored(newPlan("FiguresByValue"));
        List<String[]> rows = table(path + "/figures", "metrics=npv,customerNpv&" + LEVER + "&values=0.04&values=0.08", ",");
        assertThat(rows.get(0)).containsExactly(TRAYS, "npv", "customerNpv");
        assertThat(rows).hasSize(3);
        for (int r = 1; r <= 2; r++) {
            double value = Double.parseDouble(rows.get(r)[0]);
            JsonNode json = Api.ok(path + "/evaluate", set(TRAYS, value)).get("summary");
            assertThat(Double.parseDouble(rows.get(r)[1])).isEqualTo(json.get("npv").asDouble());
            assertThat(Double.parseDouble(rows.get(r)[2])).isEqualTo(json.get("customerNpv").asDouble());
        }
        assertThat(Double.parseDouble(rows.get(1)[0])).isEqualTo(0.04);
    }

    @Test
    void aGermanSheetSendsDecimalCommasAndGetsTheExcelEuDialect() {
        String path = stored(newPlan("FiguresGerman"));
        Response r = get(path + "/figures", LEVER + "&values=0,08&locale=de-DE&dialect=excel-eu");
        r.then().statusCode(200).contentType(startsWith("text/csv"));
        String text = r.asString();
        assertThat(text).startsWith("\uFEFF" + TRAYS + ";npv\r\n0,08;");
        double npv = Api.ok(path + "/evaluate", set(TRAYS, 0.08)).get("summary").get("npv").asDouble();
        String cell = text.split("\r\n")[1].split(";")[1];
        assertThat(Double.parseDouble(cell.replace(',', '.'))).isEqualTo(npv);
    }

    @Test
    void withoutALeverTheRowIsTheStoredScenariosFigures() {
        String path = stored(newPlan("FiguresPlain"));
        List<String[]> rows = table(path + "/figures", "metrics=concessionCost", ",");
        JsonNode json = Api.ok(path + "/evaluate", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
        assertThat(rows).hasSize(2);
        assertThat(Double.parseDouble(rows.get(1)[0])).isEqualTo(json.get("summary").get("concessionCost").asDouble());
    }

    @Test
    void aRowPerStoredScenarioHoldsItsJsonFigures() {
        long plan = newPlan("FiguresByScenario");
        String first = stored(plan);
        JsonNode variant = example(PlanScenariosApiTest.RENEWAL);
        ((com.fasterxml.jackson.databind.node.ObjectNode) variant.get("terms")).put("paymentDays", 45);
        String second = scenarios(plan) + "/" + added(plan, "45 days", null, variant).get("id").asLong();

        List<String[]> rows = table("/api/v1/plans/" + plan + "/figures", "metrics=npv", ",");
        assertThat(rows.get(0)).containsExactly("scenario", "name", "npv");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(2)[1]).isEqualTo("45 days");
        assertThat(Double.parseDouble(rows.get(1)[2])).isEqualTo(npv(first));
        assertThat(Double.parseDouble(rows.get(2)[2])).isEqualTo(npv(second));
    }

    @Test
    void anAmbiguousOrForbiddenValueIsA422AtValues() {
        String path = stored(newPlan("FiguresRejected"));
        get(path + "/figures", "lever=terms.paymentDays&values=1.000").then().statusCode(422)
                .body("errors[0].pointer", equalTo("?values")).body("errors[0].message", containsString("locale=de-DE"));
        get(path + "/figures", LEVER + "&values=0.04&values=1.5").then().statusCode(422)
                .body("errors[0].pointer", equalTo("?values"));
        given().filter(Contract.RESPONSE_CONFORMS).urlEncodingEnabled(false).when().get(path + "/figures?metrics=nvp")
                .then().statusCode(400).body("errors[0].pointer", equalTo("?metrics"));
    }

    private static double npv(String path) {
        return Api.ok(path + "/evaluate", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode())
                .get("summary").get("npv").asDouble();
    }

    private static String stored(long plan) {
        return scenarios(plan) + "/" + added(plan, "as proposed", null, example(PlanScenariosApiTest.RENEWAL)).get("id").asLong();
    }

    private static Response get(String path, String query) {
        return given().filter(Contract.CONFORMS).urlEncodingEnabled(false).when().get(path + "?" + query);
    }

    private static List<String[]> table(String path, String query, String separator) {
        Response r = get(path, query);
        r.then().statusCode(200).contentType(startsWith("text/csv"));
        return java.util.Arrays.stream(r.asString().split("\r\n")).map(line -> line.split(separator, -1)).toList();
    }
}
