package io.parley.api;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.Fixtures;
import io.parley.TestCaller;
import io.parley.identity.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import static io.parley.api.PlanScenariosApiTest.added;
import static io.parley.api.PlanScenariosApiTest.example;
import static io.parley.api.PlanScenariosApiTest.newPlan;
import static io.parley.api.PlanScenariosApiTest.scenarios;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * Spreadsheet links: a {@code ?link=pl_…} reads its own plan's text/plain and CSV answers without
 * any other credential, and nothing else — another plan or a write is a 404, a revoked or expired
 * link a 401.
 */
@QuarkusTest
class PlanLinksApiTest {

    @Test
    void aLinkReadsItsPlansMetricAndFiguresAsTheKeyDoes() {
        long plan = newPlan("LinkReads");
        String scenario = scenarioOf(plan);
        String link = created(plan, Fixtures.MAPPER.createObjectNode()).get("secret").asText();
        assertThat(link).startsWith("pl_");

        String byKey = given().accept(ContentType.TEXT).get(scenario + "/metrics/npv").then().statusCode(200)
                .extract().asString();
        Response byLink = anonymous().accept(ContentType.TEXT).get(scenario + "/metrics/npv?link=" + link);
        byLink.then().statusCode(200).contentType(startsWith("text/plain"));
        assertThat(byLink.asString()).isEqualTo(byKey);

        String figures = given().get("/api/v1/plans/" + plan + "/figures?metrics=npv").then().statusCode(200)
                .extract().asString();
        anonymous().filter(Contract.CONFORMS).get("/api/v1/plans/" + plan + "/figures?metrics=npv&link=" + link)
                .then().statusCode(200).contentType(startsWith("text/csv")).body(equalTo(figures));
    }

    @Test
    void aLinkOnAnotherPlanOrAWriteOrAJsonReadFindsNothing() {
        long plan = newPlan("LinkConfined");
        long other = newPlan("LinkOther");
        String otherScenario = scenarioOf(other);
        String link = created(plan, Fixtures.MAPPER.createObjectNode()).get("secret").asText();

        anonymous().accept(ContentType.TEXT).get(otherScenario + "/metrics/npv?link=" + link).then().statusCode(404)
                .contentType("application/problem+json");
        anonymous().get("/api/v1/plans/" + other + "/figures?link=" + link).then().statusCode(404);
        // a write to its own plan, and a JSON read of it
        anonymous().contentType(ContentType.JSON).body("{}").post(scenarioOf(plan) + "/evaluate?link=" + link)
                .then().statusCode(404);
        anonymous().accept(ContentType.JSON).get("/api/v1/plans/" + plan + "?link=" + link).then().statusCode(404);
        anonymous().contentType(ContentType.JSON).body("{}").post("/api/v1/plans/" + plan + "/links?link=" + link)
                .then().statusCode(404);
    }

    @Test
    void aLinkOfOneScenarioReadsThatScenarioOnly() {
        long plan = newPlan("LinkScenario");
        String first = scenarioOf(plan);
        String second = scenarioOf(plan);
        ObjectNode body = Fixtures.MAPPER.createObjectNode().put("scenario", Long.parseLong(first.replaceAll(".*/", "")));
        String link = created(plan, body).get("secret").asText();
        anonymous().accept(ContentType.TEXT).get(first + "/metrics/npv?link=" + link).then().statusCode(200);
        anonymous().accept(ContentType.TEXT).get(second + "/metrics/npv?link=" + link).then().statusCode(404);
        anonymous().get("/api/v1/plans/" + plan + "/figures?link=" + link).then().statusCode(404);
    }

    @Test
    void aRevokedLinkIsRefusedFromTheNextRequestOn() {
        long plan = newPlan("LinkRevoked");
        String scenario = scenarioOf(plan);
        JsonNode made = created(plan, Fixtures.MAPPER.createObjectNode());
        String link = made.get("secret").asText();
        anonymous().accept(ContentType.TEXT).get(scenario + "/metrics/npv?link=" + link).then().statusCode(200);

        given().filter(Contract.CONFORMS).delete("/api/v1/plans/" + plan + "/links/" + made.get("id").asLong())
                .then().statusCode(200).body("revokedAt", startsWith("20"));
        anonymous().accept(ContentType.TEXT).get(scenario + "/metrics/npv?link=" + link).then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void aLinkThatExpiredIsRefusedAndOneExpiredFromTheStartIsNeverIssued() throws InterruptedException {
        long plan = newPlan("LinkExpired");
        String scenario = scenarioOf(plan);
        ObjectNode past = Fixtures.MAPPER.createObjectNode()
                .put("expiresAt", Instant.now().minus(1, ChronoUnit.MINUTES).toString());
        given().filter(Contract.CONFORMS).contentType(ContentType.JSON).body(past.toString())
                .post("/api/v1/plans/" + plan + "/links").then().statusCode(422)
                .body("errors[0].pointer", equalTo("/expiresAt"));

        Instant expiry = Instant.now().plus(2, ChronoUnit.SECONDS);
        ObjectNode soon = Fixtures.MAPPER.createObjectNode().put("expiresAt", expiry.toString());
        String link = created(plan, soon).get("secret").asText();
        anonymous().accept(ContentType.TEXT).get(scenario + "/metrics/npv?link=" + link).then().statusCode(200);
        Thread.sleep(Math.max(0, expiry.toEpochMilli() - System.currentTimeMillis()) + 500);
        anonymous().accept(ContentType.TEXT).get(scenario + "/metrics/npv?link=" + link).then().statusCode(401);
        anonymous().accept(ContentType.TEXT).get(scenario + "/metrics/npv?link=pl_unknown-link-of-nobody-000")
                .then().statusCode(401);
    }

    @Test
    void aViewerMayNotCreateLinksAndAnotherTenantsPlanIsNotFound() {
        anonymous().contentType(ContentType.JSON).body("{}").post("/api/v1/plans/" + newPlan("LinkAnon") + "/links")
                .then().statusCode(401);
        given().filter(Contract.CONFORMS).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/plans/" + Long.MAX_VALUE / 2 + "/links").then().statusCode(404);
    }

    @Test
    void aPlansLinksAreListedWithTheirScopeAndStateButNeverTheirTokens() {
        long plan = newPlan("LinkList");
        long scenario = Long.parseLong(scenarioOf(plan).replaceAll(".*/", ""));
        Instant expiry = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        JsonNode whole = created(plan, Fixtures.MAPPER.createObjectNode().put("expiresAt", expiry.toString()));
        JsonNode one = created(plan, Fixtures.MAPPER.createObjectNode().put("scenario", scenario));
        given().filter(Contract.CONFORMS).delete("/api/v1/plans/" + plan + "/links/" + one.get("id").asLong())
                .then().statusCode(200);
        long otherPlan = newPlan("LinkListOther");
        created(otherPlan, Fixtures.MAPPER.createObjectNode());

        String body = given().filter(Contract.CONFORMS).get("/api/v1/plans/" + plan + "/links").then().statusCode(200)
                .extract().asString();
        JsonNode listed = Fixtures.json(body);
        assertThat(listed.get("planId").asLong()).isEqualTo(plan);
        JsonNode items = listed.get("items");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).get("id").asLong()).isEqualTo(whole.get("id").asLong());
        assertThat(items.get(0).has("scenario")).isFalse();
        assertThat(Instant.parse(items.get(0).get("expiresAt").asText())).isEqualTo(expiry);
        assertThat(items.get(0).has("revokedAt")).isFalse();
        assertThat(items.get(1).get("scenario").asLong()).isEqualTo(scenario);
        assertThat(items.get(1).has("revokedAt")).isTrue();
        for (JsonNode item : items) assertThat(item.has("secret")).isFalse();
        assertThat(body).doesNotContain(whole.get("secret").asText()).doesNotContain(one.get("secret").asText());
        // a viewer may read the plan, not its links; a plan that is not there has none to list
        given().filter(Contract.CONFORMS).header("Authorization", "Bearer " + TestTokens.signed(
                TestTokens.claims("vic", TestCaller.TENANT, "viewer")))
                .get("/api/v1/plans/" + plan + "/links").then().statusCode(403);
        given().filter(Contract.CONFORMS).get("/api/v1/plans/" + (Long.MAX_VALUE - 3) + "/links").then().statusCode(404);
    }

    private static RequestSpecification anonymous() {
        return given().urlEncodingEnabled(false).header(TestCaller.ANONYMOUS, "true");
    }

    private static String scenarioOf(long plan) {
        return scenarios(plan) + "/" + added(plan, "as proposed", null, example(PlanScenariosApiTest.RENEWAL)).get("id").asLong();
    }

    static JsonNode created(long plan, ObjectNode body) {
        Response r = given().filter(Contract.CONFORMS).contentType(ContentType.JSON).body(body.toString())
                .post("/api/v1/plans/" + plan + "/links");
        r.then().statusCode(201).header("Location", containsString("/api/v1/plans/" + plan + "/links/"));
        return Fixtures.json(r.asString());
    }
}
