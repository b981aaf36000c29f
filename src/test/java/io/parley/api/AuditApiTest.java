package io.parley.api;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.Fixtures;
import io.parley.identity.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit trail (issue 14 item 6): every write of a tenant, and every key or link created or
 * revoked, read back by its administrators newest first, as JSON or CSV, a page at a time; never a
 * secret; refused writes leave no entry. Each test works in a tenant of its own, so the trail it
 * reads holds its own writes only.
 */
@QuarkusTest
class AuditApiTest {

    private static final String PLANS = "/api/v1/plans";

    /** A caller of a tenant no other test uses: its trail is empty until the test writes. */
    private record Tenant(String name, String admin) {
        static Tenant fresh() {
            String tenant = "audit-" + UUID.randomUUID().toString().substring(0, 8);
            return new Tenant(tenant, "Bearer " + TestTokens.signed(TestTokens.claims("auditor", tenant, "admin")));
        }

        RequestSpecification as() {
            return given().filter(Contract.CONFORMS).header("Authorization", admin);
        }

        String bearer(String name, String... roles) {
            return "Bearer " + TestTokens.signed(TestTokens.claims(name, this.name, roles));
        }
    }

    private static long id(Response r, int status) {
        r.then().statusCode(status);
        return Fixtures.json(r.asString()).get("id").asLong();
    }

    private static ObjectNode plan(String owner) {
        return PlansApiTest.change(owner, null, PlansApiTest.plan(PlansApiTest.account("Audit"), owner));
    }

    private static JsonNode trail(Tenant t, String query) {
        return Fixtures.json(t.as().accept("application/json").get("/api/v1/audit" + query).then().statusCode(200)
                .extract().asString());
    }

    private static List<String> column(JsonNode page, String field) {
        List<String> out = new ArrayList<>();
        page.get("items").forEach(e -> out.add(e.get(field).isNull() ? null : e.get(field).asText()));
        return out;
    }

    @Test
    void everyWriteIsRecordedWithWhoWhatAndWhereNewestFirstAndNoSecret() {
        Tenant t = Tenant.fresh();
        long plan = id(t.as().contentType("application/json").body(plan("Dana Reyes").toString()).post(PLANS), 201);
        t.as().contentType("application/json").header("If-Match", "\"r1\"").body(plan("Dana Reyes").toString())
                .put(PLANS + "/" + plan).then().statusCode(200);
        long scenario = id(t.as().contentType("application/json").body(PlanScenariosApiTest.stored("A", false,
                PlanScenariosApiTest.example("packaging-retailer-renewal.json")).toString()).post(PLANS + "/" + plan + "/scenarios"), 201);
        t.as().post(PLANS + "/" + plan + "/scenarios/" + scenario + "/agree").then().statusCode(200);
        t.as().contentType("application/json").body("{\"actuals\":[{\"period\":1,\"netRevenue\":100,\"rebate\":0,\"cogs\":50,\"costToServe\":5}]}")
                .post(PLANS + "/" + plan + "/actuals").then().statusCode(200);
        t.as().delete(PLANS + "/" + plan + "/actuals/1").then().statusCode(204);
        Response link = t.as().contentType("application/json").body("{}").post(PLANS + "/" + plan + "/links");
        long linkId = id(link, 201);
        t.as().delete(PLANS + "/" + plan + "/links/" + linkId).then().statusCode(200);
        Response key = t.as().contentType("application/json").body("{\"name\":\"export\",\"roles\":[\"viewer\"]}").post("/api/v1/keys");
        long keyId = id(key, 201);
        t.as().delete("/api/v1/keys/" + keyId).then().statusCode(200);
        t.as().header("If-Match", "\"r2\"").post(PLANS + "/" + plan + "/archive").then().statusCode(200);

        JsonNode page = trail(t, "");
        String p = "plans/" + plan;
        assertThat(column(page, "operation")).containsExactly("plan.archive", "key.revoke", "key.create", "link.revoke",
                "link.create", "actuals.delete", "actuals.put", "scenario.agree", "scenario.create", "plan.update", "plan.create");
        assertThat(column(page, "target")).containsExactly(p, "keys/" + keyId, "keys/" + keyId, p + "/links/" + linkId,
                p + "/links/" + linkId, p + "/actuals/1", p + "/actuals", p + "/scenarios/" + scenario,
                p + "/scenarios/" + scenario, p, p);
        assertThat(column(page, "revision")).containsExactly("3", null, null, null, null, null, null, null, null, "2", "1");
        assertThat(column(page, "name")).containsOnly("auditor");
        assertThat(column(page, "subject")).containsOnly("auditor");
        assertThat(column(page, "tenant")).containsOnly(t.name());
        // the tests call over the loopback; no proxy forwarding is configured
        assertThat(column(page, "clientAddress")).containsOnly("127.0.0.1");
        assertThat(page.get("next").isNull()).isTrue();
        String everything = page.toString() + t.as().accept("text/csv").get("/api/v1/audit").asString();
        assertThat(everything).doesNotContain(Fixtures.json(link.asString()).get("secret").asText())
                .doesNotContain(Fixtures.json(key.asString()).get("secret").asText());
    }

    @Test
    void aClientsOwnForwardedForHeaderIsNotBelievedWithoutForwardingConfigured() {
        Tenant t = Tenant.fresh();
        t.as().header("X-Forwarded-For", "203.0.113.9").contentType("application/json").body(plan("Dana Reyes").toString())
                .post(PLANS).then().statusCode(201);
        assertThat(column(trail(t, ""), "clientAddress")).containsExactly("127.0.0.1");
    }

    @Test
    void refusedWritesLeaveNoEntry() {
        Tenant t = Tenant.fresh();
        long plan = id(t.as().contentType("application/json").body(plan("Dana Reyes").toString()).post(PLANS), 201);
        // a viewer's change (403), a stale change (412), an invalid plan (422), a key with no role (422)
        given().header("Authorization", t.bearer("vic", "viewer")).contentType("application/json").header("If-Match", "\"r1\"")
                .body(plan("Vic").toString()).put(PLANS + "/" + plan).then().statusCode(403);
        t.as().contentType("application/json").header("If-Match", "\"r7\"").body(plan("Dana Reyes").toString())
                .put(PLANS + "/" + plan).then().statusCode(412);
        ObjectNode invalid = plan("Dana Reyes");
        ((ObjectNode) invalid.get("plan")).remove("owner");
        given().header("Authorization", t.admin()).contentType("application/json").body(invalid.toString()).post(PLANS)
                .then().statusCode(422);
        given().header("Authorization", t.admin()).contentType("application/json").body("{\"name\":\"x\",\"roles\":[]}")
                .post("/api/v1/keys").then().statusCode(422);
        assertThat(column(trail(t, ""), "operation")).containsExactly("plan.create");
    }

    @Test
    void pagesFollowTheNextLinkAndCsvHasTheSameRows() {
        Tenant t = Tenant.fresh();
        List<Long> plans = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            plans.add(id(t.as().contentType("application/json").body(plan("Dana Reyes").toString()).post(PLANS), 201));
        }
        Response first = t.as().accept("application/json").get("/api/v1/audit?limit=2");
        first.then().statusCode(200);
        JsonNode one = Fixtures.json(first.asString());
        assertThat(column(one, "target")).containsExactly("plans/" + plans.get(4), "plans/" + plans.get(3));
        String next = one.get("next").asText();
        assertThat(first.header("Link")).isEqualTo("<" + next + ">; rel=\"next\"");
        JsonNode two = trail(t, next.substring("/api/v1/audit".length()));
        assertThat(column(two, "target")).containsExactly("plans/" + plans.get(2), "plans/" + plans.get(1));
        JsonNode three = trail(t, two.get("next").asText().substring("/api/v1/audit".length()));
        assertThat(column(three, "target")).containsExactly("plans/" + plans.get(0));
        assertThat(three.get("next").isNull()).isTrue();

        String csv = t.as().accept("text/csv").get("/api/v1/audit?limit=2").then().statusCode(200)
                .contentType("text/csv").extract().asString();
        String[] lines = csv.split("\r\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).isEqualTo("id,at,tenant,subject,name,operation,target,revision,clientAddress");
        JsonNode newestEntry = one.get("items").get(0);
        assertThat(lines[1]).isEqualTo(newestEntry.get("id").asText() + "," + newestEntry.get("at").asText() + ","
                + t.name() + ",auditor,auditor,plan.create,plans/" + plans.get(4) + ",1,127.0.0.1");
        // 'since' keeps entries at or after the instant
        String newest = one.get("items").get(0).get("at").asText();
        assertThat(column(trail(t, "?since=" + newest), "target")).containsExactly("plans/" + plans.get(4));
    }

    @Test
    void anotherTenantsTrailIsNotReadAndOnlyAdministratorsReadTheirs() {
        Tenant t = Tenant.fresh();
        t.as().contentType("application/json").body(plan("Dana Reyes").toString()).post(PLANS).then().statusCode(201);
        Tenant other = Tenant.fresh();
        assertThat(trail(other, "").get("items")).isEmpty();
        given().filter(Contract.CONFORMS).header("Authorization", t.bearer("max", "manager", "analyst", "viewer"))
                .get("/api/v1/audit").then().statusCode(403);
        given().filter(Contract.RESPONSE_CONFORMS).header("Authorization", t.admin()).get("/api/v1/audit?since=yesterday")
                .then().statusCode(400);
        given().filter(Contract.RESPONSE_CONFORMS).header("Authorization", t.admin()).get("/api/v1/audit?limit=1001")
                .then().statusCode(400);
    }
}
