package io.parley.api;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.Fixtures;
import io.parley.TestCaller;
import io.parley.identity.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A caller sees only its tenant's plans: another tenant's plan answers exactly as a plan that does
 * not exist, to every read and write, and revisions record who sent the change.
 */
@QuarkusTest
class TenancyApiTest {

    static final String PLANS = "/api/v1/plans";

    /** An administrator of the tenant {@code acme-other}: every role, another organisation. */
    static RequestSpecification otherTenant() {
        return given().filter(Contract.CONFORMS).header("Authorization",
                "Bearer " + TestTokens.signed(TestTokens.claims("olga", "acme-other", "viewer", "manager", "analyst", "admin")));
    }

    static long created() {
        ObjectNode body = PlansApiTest.change("ignored", "first", PlansApiTest.plan(PlansApiTest.account("Tenancy"), "Dana Reyes"));
        Response r = given().filter(Contract.CONFORMS).contentType(ContentType.JSON).body(body.toString()).post(PLANS);
        r.then().statusCode(201);
        return Fixtures.json(r.asString()).get("id").asLong();
    }

    /** The problem of a plan that does not exist, but for the id it names. */
    static void likeAMissingPlan(Response r, long id) {
        r.then().statusCode(404).contentType("application/problem+json");
        JsonNode p = Fixtures.json(r.asString());
        assertThat(p.get("type").asText()).isEqualTo("urn:parley:problem:not-found");
        assertThat(p.get("detail").asText()).isEqualTo("no plan " + id);
    }

    @Test
    void anotherTenantsPlanIsNotFoundLikeAPlanThatDoesNotExist() {
        long id = created();
        long missing = Long.MAX_VALUE - 7;
        // what a missing plan answers, to the owner
        likeAMissingPlan(given().filter(Contract.CONFORMS).get(PLANS + "/" + missing), missing);
        // the same to another tenant, for reads and writes alike
        likeAMissingPlan(otherTenant().get(PLANS + "/" + id), id);
        likeAMissingPlan(otherTenant().get(PLANS + "/" + id + "/revisions"), id);
        likeAMissingPlan(otherTenant().header("If-Match", "\"r1\"").post(PLANS + "/" + id + "/archive"), id);
        ObjectNode change = PlansApiTest.change("olga", "take over", PlansApiTest.plan("Stolen", "Olga"));
        likeAMissingPlan(otherTenant().contentType(ContentType.JSON).header("If-Match", "\"r1\"").body(change.toString())
                .put(PLANS + "/" + id), id);
        // and it is not listed for it, while its owner still finds it unchanged
        JsonNode listed = Fixtures.json(otherTenant().get(PLANS + "?size=100").then().statusCode(200).extract().asString());
        for (JsonNode item : listed.get("items")) assertThat(item.get("id").asLong()).isNotEqualTo(id);
        given().filter(Contract.CONFORMS).get(PLANS + "/" + id).then().statusCode(200).header("ETag", "\"r1\"");
    }

    @Test
    void aRevisionsAuthorIsWhoSentItNeverWhatTheBodySays() {
        ObjectNode body = PlansApiTest.change("Mallory", "claims to be someone else", PlansApiTest.plan(PlansApiTest.account("Author"), "Dana Reyes"));
        Response r = given().filter(Contract.CONFORMS).contentType(ContentType.JSON).body(body.toString())
                .header("Authorization", "Bearer " + TestTokens.signed(TestTokens.claims("dana", TestCaller.TENANT, "manager")))
                .post(PLANS);
        r.then().statusCode(201);
        long id = Fixtures.json(r.asString()).get("id").asLong();
        JsonNode revs = Fixtures.json(given().filter(Contract.CONFORMS).get(PLANS + "/" + id + "/revisions")
                .then().statusCode(200).extract().asString()).get("revisions");
        assertThat(revs.get(0).get("author").asText()).isEqualTo("dana");
    }

    @Test
    void aViewerReadsButDoesNotWriteAndOnlyAnAdministratorArchives() {
        long id = created();
        var viewer = "Bearer " + TestTokens.signed(TestTokens.claims("vic", TestCaller.TENANT, "viewer"));
        var manager = "Bearer " + TestTokens.signed(TestTokens.claims("max", TestCaller.TENANT, "manager"));
        given().filter(Contract.CONFORMS).header("Authorization", viewer).get(PLANS + "/" + id).then().statusCode(200);
        ObjectNode change = PlansApiTest.change("vic", null, PlansApiTest.plan(PlansApiTest.account("Viewer"), "Vic"));
        given().filter(Contract.CONFORMS).header("Authorization", viewer).contentType(ContentType.JSON)
                .header("If-Match", "\"r1\"").body(change.toString()).put(PLANS + "/" + id).then().statusCode(403);
        given().filter(Contract.CONFORMS).header("Authorization", manager).header("If-Match", "\"r1\"")
                .post(PLANS + "/" + id + "/archive").then().statusCode(403);
        given().filter(Contract.RESPONSE_CONFORMS).header("Authorization", viewer).contentType(ContentType.JSON)
                .body(Fixtures.json("{}").toString()).post("/api/v1/evaluate").then().statusCode(403);
    }
}
