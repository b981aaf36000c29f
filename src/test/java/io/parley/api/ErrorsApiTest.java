package io.parley.api;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.Fixtures;
import io.parley.TestCaller;
import io.parley.identity.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/**
 * Every class of bad input gets an RFC 9457 problem that names the field, the value and the rule;
 * never a 500, a stack trace or a silent guess. Requests here break the contract on purpose, so only
 * the responses are checked against it.
 */
@QuarkusTest
class ErrorsApiTest {

    static final String PROBLEM = "application/problem+json";

    static ObjectNode spot() {
        return (ObjectNode) Fixtures.json(Fixtures.exampleText("single-year-spot.json"));
    }

    static ValidatableResponse post(String path, String body) {
        return given().filter(Contract.RESPONSE_CONFORMS)
                .contentType(ContentType.JSON).accept(ContentType.JSON).body(body)
                .when().post(path).then();
    }

    static ValidatableResponse evaluate(String body) {
        return post("/api/v1/evaluate", body);
    }

    @Test
    void malformedJsonIsA400SayingWhere() {
        evaluate("{\"name\": \"broken\",\n \"currency\": }")
                .statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:parley:problem:malformed-json"))
                .body("status", equalTo(400))
                .body("instance", equalTo("/api/v1/evaluate"))
                .body("detail", containsString("line 2"))
                .body("detail", not(containsString("Exception")))
                .body("detail", not(containsString("com.fasterxml")));
    }

    @Test
    void duplicateKeysAreMalformedNotSilentlyTheLastOne() {
        evaluate("{\"name\": \"a\", \"name\": \"b\"}")
                .statusCode(400).body("detail", containsString("name"));
    }

    @Test
    void anEmptyBodyIsA400() {
        evaluate("").statusCode(400).contentType(PROBLEM).body("type", equalTo("urn:parley:problem:malformed-json"));
    }

    @Test
    void anUnknownFieldIsNamedWithTheFieldItWasProbablyMeantToBe() {
        ObjectNode s = spot();
        ((ObjectNode) s.get("terms")).put("discont", 0.06);
        evaluate(s.toString())
                .statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("urn:parley:problem:validation"))
                .body("errors.pointer", hasItem("/terms/discont"))
                .body("errors[0].message", containsString("unknown field 'discont'"))
                .body("errors[0].message", containsString("did you mean 'discounts'?"));
    }

    @Test
    void aWrongTypeNamesTheValueFound() {
        ObjectNode s = spot();
        ((ObjectNode) s.get("products").get(0)).put("listPrice", "12.50");
        evaluate(s.toString())
                .statusCode(422)
                .body("errors[0].pointer", equalTo("/products/0/listPrice"))
                .body("errors[0].message", equalTo("must be a number, got string \"12.50\""))
                .body("errors[0].value", equalTo("12.50"));
    }

    @Test
    void aMissingRequiredFieldIsNamed() {
        ObjectNode s = spot();
        s.remove("currency");
        evaluate(s.toString()).statusCode(422)
                .body("errors[0].pointer", equalTo("/currency"))
                .body("errors[0].message", equalTo("is required"));
    }

    @Test
    void outOfRangeNumbersNameTheValueAndTheRule() {
        ObjectNode s = spot();
        ((ObjectNode) s.get("terms")).put("paymentDays", 400);
        evaluate(s.toString()).statusCode(422)
                .body("errors[0].pointer", equalTo("/terms/paymentDays"))
                .body("errors[0].message", equalTo("400 is outside 0–365 days"))
                .body("errors[0].value", equalTo(400.0f));
    }

    @Test
    void aDiscountForAnUnknownProductNamesIt() {
        ObjectNode s = spot();
        ((ObjectNode) s.get("terms").get("discounts")).put("widgetz", 0.06);
        evaluate(s.toString()).statusCode(422)
                .body("errors[0].pointer", equalTo("/terms/discounts/widgetz"))
                .body("errors[0].message", equalTo("no product with id 'widgetz'"))
                .body("detail", equalTo("/terms/discounts/widgetz: no product with id 'widgetz'"));
    }

    @Test
    void duplicateProductIdsPointAtTheSecond() {
        ObjectNode s = spot();
        ArrayNode products = (ArrayNode) s.get("products");
        products.add(products.get(0).deepCopy());
        evaluate(s.toString()).statusCode(422)
                .body("errors[0].pointer", equalTo("/products/" + (products.size() - 1) + "/id"))
                .body("errors[0].message", startsWith("duplicate product id"));
    }

    @Test
    void rebateTiersMustAscend() {
        ObjectNode s = spot();
        ObjectNode rebate = ((ObjectNode) s.get("terms")).putObject("rebate");
        rebate.put("basis", "INCREMENTAL");
        ArrayNode tiers = rebate.putArray("tiers");
        tiers.addObject().put("threshold", 50000).put("rate", 0.01);
        tiers.addObject().put("threshold", 50000).put("rate", 0.02);
        evaluate(s.toString()).statusCode(422)
                .body("errors[0].pointer", equalTo("/terms/rebate/tiers/1/threshold"))
                .body("errors[0].message", containsString("strictly ascending"));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        ObjectNode s = spot();
        s.put("currency", "euro");
        ((ObjectNode) s.get("horizon")).put("periodsPerYear", 2);
        ((ObjectNode) s.get("terms")).put("renewalProbability", 1.5);
        ((ObjectNode) s.get("products").get(0)).put("baseVolume", -1);
        evaluate(s.toString()).statusCode(422)
                .body("errors", hasSize(4))
                .body("errors.pointer", hasItem("/currency"))
                .body("errors.pointer", hasItem("/horizon/periodsPerYear"))
                .body("errors.pointer", hasItem("/terms/renewalProbability"))
                .body("errors.pointer", hasItem("/products/0/baseVolume"))
                .body("detail", startsWith("4 problems found"));
    }

    @Test
    void aBodyOverTheLimitIsA413WithTheLimit() {
        ObjectNode s = spot();
        s.put("description", "x".repeat(2 * 1024 * 1024));
        evaluate(s.toString()).statusCode(413).contentType(PROBLEM)
                .body("type", equalTo("urn:parley:problem:body-too-large"))
                .body("limitBytes", equalTo(2097152));
    }

    @Test
    void aBodyOverTheHttpLayersOwnCeilingIsTheSameProblemNotABare413() {
        // 20 MB is over quarkus.http.limits.max-body-size (16 MiB): refused from its Content-Length, unread
        String body = "x".repeat(20_000_000);
        evaluate(body).statusCode(413).contentType(PROBLEM)
                .body("type", equalTo("urn:parley:problem:body-too-large"))
                .body("detail", equalTo("the body is 20000000 bytes; the limit is 2097152 bytes"))
                .body("limitBytes", equalTo(2097152));
    }

    @Test
    void aBodyThatIsNotJsonIsA415() {
        given().filter(Contract.RESPONSE_CONFORMS).contentType(ContentType.TEXT).accept(ContentType.JSON)
                .body("name=x").when().post("/api/v1/evaluate")
                .then().statusCode(415).contentType(PROBLEM)
                .body("type", equalTo("urn:parley:problem:unsupported-media-type"));
    }

    @Test
    void anAcceptNotServedIsA406() {
        given().filter(Contract.RESPONSE_CONFORMS).contentType(ContentType.JSON).accept("application/xml")
                .body(Fixtures.exampleText("single-year-spot.json")).when().post("/api/v1/evaluate")
                .then().statusCode(406).contentType(PROBLEM)
                .body("type", equalTo("urn:parley:problem:not-acceptable"));
    }

    @Test
    void aMisspeltQueryParameterIsNotIgnored() {
        post("/api/v1/evaluate?detial=periods", Fixtures.exampleText("single-year-spot.json"))
                .statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("unknown query parameter 'detial'"))
                .body("detail", containsString("did you mean 'detail'?"));
        post("/api/v1/evaluate?table=yeers", Fixtures.exampleText("single-year-spot.json"))
                .statusCode(400).body("detail", containsString("'yeers' is not one of"));
    }

    @Test
    void anOperationThatTakesNoQueryParameterSaysSoNamingTheOneSent() {
        post("/api/v1/analyses/tornado?levers=all", "{}")
                .statusCode(400).contentType(PROBLEM)
                .body("title", equalTo("A query parameter is not valid"))
                .body("detail", equalTo("unknown query parameter 'levers'; this resource takes none"))
                .body("errors[0].pointer", equalTo("?levers"));
    }

    @Test
    void aCallerRefusedAtTheDoorLearnsNothingOfAnOperationsParameters() {
        // no credentials: the 401 comes before the unknown parameter's 400
        given().header(TestCaller.ANONYMOUS, "true").contentType(ContentType.JSON).accept(ContentType.JSON)
                .body(Fixtures.exampleText("single-year-spot.json")).when().post("/api/v1/evaluate?detial=periods")
                .then().statusCode(401);
        // a viewer may not create API keys: the 403 comes before it too
        String viewer = "Bearer " + TestTokens.signed(TestTokens.claims("vera", TestCaller.TENANT, "viewer"));
        given().header("Authorization", viewer).contentType(ContentType.JSON).accept(ContentType.JSON)
                .body("{\"name\": \"k\", \"roles\": [\"viewer\"]}").when().post("/api/v1/keys?rolse=admin")
                .then().statusCode(403);
    }

    @Test
    void unknownResourcesAndMethodsAreProblemsToo() {
        given().filter(Contract.RESPONSE_CONFORMS).accept(ContentType.JSON).when().get("/api/v1/evaluate")
                .then().statusCode(405).contentType(PROBLEM).header("Allow", containsString("POST"))
                .body("type", equalTo("urn:parley:problem:method-not-allowed"))
                .body("detail", equalTo("allowed here: POST"));
        given().accept(ContentType.JSON).when().get("/api/v1/nothing-here")
                .then().statusCode(404).contentType(PROBLEM)
                .body("type", equalTo("urn:parley:problem:not-found"));
    }

    @Test
    void anUnknownLeverPathInACompareNamesThePath() {
        ObjectNode request = Fixtures.MAPPER.createObjectNode();
        request.set("baseline", spot());
        ObjectNode variant = request.putArray("variants").addObject();
        variant.put("name", "typo");
        variant.putObject("set").put("terms.discounts[widgetz]", 0.06);
        post("/api/v1/compare", request.toString()).statusCode(422)
                .body("errors[0].pointer", equalTo("/variants/0/set/terms.discounts[widgetz]"))
                .body("errors[0].message", containsString("no product with id 'widgetz'"));
    }
}
