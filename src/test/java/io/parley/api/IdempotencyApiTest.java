package io.parley.api;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.filter.Filter;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import static io.parley.api.PlansApiTest.PLANS;
import static io.parley.api.PlansApiTest.PROBLEM;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Idempotency-Key on every POST that creates: a retry with the same key and body is given the first
 * answer and writes nothing; the same key with another body is a 422; a malformed key a 400.
 */
@QuarkusTest
class IdempotencyApiTest {

    static String key() {
        return "key-" + UUID.randomUUID();
    }

    static Response post(Filter filter, String path, String key, String contentType, String body) {
        var request = filter == null ? given() : given().filter(filter);
        return request.header("Idempotency-Key", key).contentType(contentType).accept(ContentType.JSON).body(body)
                .when().post(path);
    }

    /** How many plans carry this account name (each test's names are its own). */
    static long plansOf(String account) {
        return Fixtures.json(given().queryParam("account", account).get(PLANS).asString()).get("total").asLong();
    }

    @Test
    void aPlanCreatedAgainWithTheSameKeyIsTheFirstAnswerAndOnePlan() {
        String account = PlansApiTest.account("Idempotent");
        String body = PlansApiTest.change("Dana Reyes", "first draft", PlansApiTest.plan(account, "Dana Reyes")).toString();
        String key = key();
        Response first = post(Contract.CONFORMS, PLANS, key, "application/json", body);
        first.then().statusCode(201);
        Response retry = post(Contract.CONFORMS, PLANS, key, "application/json", body);
        retry.then().statusCode(201);
        assertThat(retry.header("Location")).isEqualTo(first.header("Location")).endsWith(
                PLANS + "/" + Fixtures.json(first.asString()).get("id").asLong());
        assertThat(retry.header("ETag")).isEqualTo("\"r1\"").isEqualTo(first.header("ETag"));
        assertThat(Fixtures.json(retry.asString())).isEqualTo(Fixtures.json(first.asString()));
        assertThat(plansOf(account)).isEqualTo(1);
        // without a key, the same body is another plan
        PlansApiTest.create(PlansApiTest.change("Dana Reyes", "first draft", PlansApiTest.plan(account, "Dana Reyes")))
                .then().statusCode(201);
        assertThat(plansOf(account)).isEqualTo(2);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedAndWritesNothing() {
        String account = PlansApiTest.account("Reused");
        String key = key();
        post(null, PLANS, key, "application/json",
                PlansApiTest.change("Dana Reyes", null, PlansApiTest.plan(account, "Dana Reyes")).toString())
                .then().statusCode(201);
        Response other = post(Contract.RESPONSE_CONFORMS, PLANS, key, "application/json",
                PlansApiTest.change("Lars Berg", null, PlansApiTest.plan(account, "Lars Berg")).toString());
        other.then().statusCode(422).contentType(PROBLEM);
        JsonNode problem = Fixtures.json(other.asString());
        assertThat(problem.get("type").asText()).isEqualTo("urn:parley:problem:idempotency-key-reused");
        assertThat(problem.get("errors").get(0).get("pointer").asText()).isEqualTo("Idempotency-Key");
        assertThat(problem.get("errors").get(0).get("value").asText()).isEqualTo(key);
        assertThat(plansOf(account)).isEqualTo(1);
    }

    @Test
    void aKeyIsForOneOperation() {
        long plan = PlanScenariosApiTest.newPlan("OneOperation");
        String key = key();
        String actuals = "{\"actuals\":[{\"period\":1,\"netRevenue\":100,\"rebate\":1,\"cogs\":50,\"costToServe\":10}]}";
        post(null, PLANS + "/" + plan + "/actuals", key, "application/json", actuals).then().statusCode(200);
        long other = PlanScenariosApiTest.newPlan("OneOperation");
        post(null, PLANS + "/" + other + "/actuals", key, "application/json", actuals).then().statusCode(422);
        assertThat(Fixtures.json(given().get(PLANS + "/" + other + "/actuals").asString()).get("actuals")).isEmpty();
    }

    @Test
    void aScenarioStoredAgainWithTheSameKeyIsStoredOnce() {
        long plan = PlanScenariosApiTest.newPlan("IdempotentScenario");
        String body = PlanScenariosApiTest.stored("Renewal", true,
                PlanScenariosApiTest.example(PlanScenariosApiTest.RENEWAL)).toString();
        String key = key();
        Response first = post(Contract.CONFORMS, PlanScenariosApiTest.scenarios(plan), key, "application/json", body);
        first.then().statusCode(201);
        Response retry = post(Contract.CONFORMS, PlanScenariosApiTest.scenarios(plan), key, "application/json", body);
        retry.then().statusCode(201);
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(Fixtures.json(retry.asString())).isEqualTo(Fixtures.json(first.asString()));
        assertThat(Fixtures.json(given().get(PlanScenariosApiTest.scenarios(plan)).asString()).get("scenarios")).hasSize(1);
    }

    /**
     * An upload retried after others changed the actuals is given the first answer, as it was: the
     * retry changes nothing, so the later upload stands.
     */
    @Test
    void anUploadRetriedWithTheSameKeyIsNotAppliedAgain() {
        long plan = PlanScenariosApiTest.newPlan("IdempotentUpload");
        String path = PLANS + "/" + plan + "/actuals";
        String csv = "period,netRevenue,rebate,cogs,costToServe\n1,100,1,50,10\n";
        String key = key();
        Response first = post(Contract.CONFORMS, path, key, "text/csv", csv);
        first.then().statusCode(200);
        post(null, path, key(), "text/csv", "period,netRevenue,rebate,cogs,costToServe\n1,200,2,60,11\n").then().statusCode(200);
        Response retry = post(Contract.CONFORMS, path, key, "text/csv", csv);
        retry.then().statusCode(200);
        assertThat(Fixtures.json(retry.asString())).isEqualTo(Fixtures.json(first.asString()));
        JsonNode now = Fixtures.json(given().get(path).asString()).get("actuals");
        assertThat(now).hasSize(1);
        assertThat(now.get(0).get("netRevenue").asDouble()).isEqualTo(200.0);
    }

    @Test
    void aFailedRequestKeepsNothingUnderItsKey() {
        String key = key();
        ObjectNode invalid = PlansApiTest.change("", null, PlansApiTest.plan(PlansApiTest.account("Invalid"), "Dana Reyes"));
        post(null, PLANS, key, "application/json", invalid.toString()).then().statusCode(422);
        String account = PlansApiTest.account("AfterInvalid");
        post(null, PLANS, key, "application/json",
                PlansApiTest.change("Dana Reyes", null, PlansApiTest.plan(account, "Dana Reyes")).toString())
                .then().statusCode(201);
        assertThat(plansOf(account)).isEqualTo(1);
    }

    @Test
    void aMalformedKeyIsABadRequest() {
        String body = PlansApiTest.change("Dana Reyes", null, PlansApiTest.plan(PlansApiTest.account("BadKey"), "Dana Reyes"))
                .toString();
        for (String bad : new String[] {" ", "x".repeat(256), "tab\there"}) {
            Response r = post(null, PLANS, bad, "application/json", body);
            r.then().statusCode(400).contentType(PROBLEM);
            assertThat(Fixtures.json(r.asString()).get("errors").get(0).get("pointer").asText()).isEqualTo("Idempotency-Key");
        }
    }
}
