package io.parley.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.Fixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * Requests found answering 500 (or read too generously) by requests generated from the contract:
 * each is now a 4xx problem that names the field at fault.
 */
@QuarkusTest
class CarelessInputApiTest {

    static final String PROBLEM = "application/problem+json";

    @TestHTTPResource("/api/v1/evaluate")
    URI evaluate;

    static ValidatableResponse send(String path, String body) {
        return given().filter(Contract.RESPONSE_CONFORMS).contentType(ContentType.JSON).accept(ContentType.JSON)
                .body(body).when().post(path).then();
    }

    @Test
    void aBodyWithoutContentTypeIsA415NotReadAsJson() throws Exception {
        // REST Assured always sends a Content-Type with a body; the JDK client sends none unless told
        HttpRequest request = HttpRequest.newBuilder(evaluate)
                .POST(HttpRequest.BodyPublishers.ofString(Fixtures.exampleText("single-year-spot.json")))
                .header("Accept", "application/json").build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM);
        assertThat(response.body()).contains("urn:parley:problem:unsupported-media-type").contains("no Content-Type");
    }

    @Test
    void aProductWithoutIdInAScenarioWithDiscountsIsA422() {
        ObjectNode scenario = ErrorsApiTest.spot();
        ((ObjectNode) scenario.get("products").get(0)).remove("id");
        ((ObjectNode) scenario.get("terms")).putObject("discounts").put("x", 0.1);
        send("/api/v1/evaluate", scenario.toString()).statusCode(422).contentType(PROBLEM)
                .body("errors.pointer", hasItem("/products/0/id"));
        ((ObjectNode) scenario.get("products").get(0)).put("id", 7);
        send("/api/v1/evaluate", scenario.toString()).statusCode(422)
                .body("errors.pointer", hasItem("/products/0/id"));
    }

    @Test
    void aLeverOrMetricWithoutItsNameIsA422NamingIt() {
        ObjectNode tornado = AnalysesApiTest.request();
        tornado.putArray("levers").addObject();
        send("/api/v1/analyses/tornado", tornado.toString()).statusCode(422)
                .body("errors.pointer", hasItem("/levers/0/path"));
        ObjectNode seek = AnalysesApiTest.request();
        seek.put("lever", "terms.paymentDays").putNull("metric").put("target", 0);
        send("/api/v1/analyses/goal-seek", seek.toString()).statusCode(422)
                .body("errors.pointer", hasItem("/metric"));
    }

    @Test
    void aNumberBeyondTheRangeOfADoubleIsA422NotInfinity() {
        ObjectNode sweep = AnalysesApiTest.request();
        sweep.putArray("levers").addObject().put("path", "terms.paymentDays")
                .putRawValue("from", new com.fasterxml.jackson.databind.util.RawValue("1e400")).put("to", 10).put("steps", 2);
        send("/api/v1/analyses/sweep", sweep.toString()).statusCode(422)
                .body("errors[0].pointer", equalTo("/levers/0/from"))
                .body("errors[0].message", containsString("beyond the range of a number"));
    }

    @Test
    void aPertWhoseShapeOverflowsIsA422() {
        ObjectNode request = UncertaintyApiTest.request(100);
        UncertaintyApiTest.lever(request.putArray("levers"), "products[srp-trays].baseVolume", "pert")
                .put("min", -1e308).put("mode", 0).put("max", 1e308);
        send("/api/v1/analyses/monte-carlo", request.toString()).statusCode(422)
                .body("errors.pointer", hasItem("/levers/0/distribution/max"));
    }

    @Test
    void actualsForPeriodMinusOneOrOfInfiniteRevenueAreRefused() {
        long id = PlanActualsApiTest.planWithAgreedScenario();
        send("/api/v1/plans/" + id + "/actuals", "{\"actuals\": [{\"period\": -1, \"netRevenue\": 1, \"rebate\": 0, "
                + "\"cogs\": 0, \"costToServe\": 0}]}").statusCode(422)
                .body("errors[0].pointer", equalTo("/actuals/0/period"))
                .body("errors[0].message", equalTo("-1 is not a period (1 or more)"));
        send("/api/v1/plans/" + id + "/actuals", "{\"actuals\": [{\"period\": 1, \"netRevenue\": 1e400, \"rebate\": 0, "
                + "\"cogs\": 0, \"costToServe\": 0}]}").statusCode(422)
                .body("errors[0].pointer", equalTo("/actuals/0/netRevenue"))
                .body("errors[0].message", not(containsString("negative")));
    }

    @Test
    void aPlanIdWithALeadingZeroOrAPathParameterDoesNotReadPlanOne() {
        given().accept(ContentType.JSON).when().get("/api/v1/plans/01").then().statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("'01' is not a plan id"));
        given().accept(ContentType.JSON).urlEncodingEnabled(false).when().get("/api/v1/plans/1;DROP%20TABLE%20plan")
                .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("';'"));
    }

    @Test
    void aSemicolonParameterInThePathIsNamedByItsPointer() {
        // the pointer is the parameter as sent, as '?name' names a query parameter
        given().accept(ContentType.JSON).urlEncodingEnabled(false).when().get("/api/v1/plans/1;DROP%20TABLE%20plan/revisions")
                .then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].pointer", equalTo(";DROP%20TABLE%20plan"))
                .body("errors[0].message", containsString("';'"));
    }
}
