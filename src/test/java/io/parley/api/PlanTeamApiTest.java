package io.parley.api;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.Fixtures;
import io.parley.TestCaller;
import io.parley.identity.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A manager changes the plans whose owner or account team names them (issue 14 item 2); any other
 * manager of the tenant is answered 403 naming the rule, and the plan is left as it was; an
 * administrator changes any plan; another tenant's manager finds no plan at all (404).
 */
@QuarkusTest
class PlanTeamApiTest {

    private static final String PLANS = "/api/v1/plans";

    private static RequestSpecification as(String name, String tenant, String... roles) {
        return given().filter(Contract.CONFORMS).header("Authorization",
                "Bearer " + TestTokens.signed(TestTokens.claims(name, tenant, roles)));
    }

    private static RequestSpecification manager(String name) {
        return as(name, TestCaller.TENANT, "manager");
    }

    /** A plan owned by Dana Reyes, with Max on the team by user name and Lea Lang by name only. */
    private static long teamPlan() {
        ObjectNode plan = PlansApiTest.plan(PlansApiTest.account("Team"), "Dana Reyes");
        plan.withArray("team").addObject().put("name", "Max Muster").put("role", "Sales engineer").put("user", "mmuster");
        plan.withArray("team").addObject().put("name", "Lea Lang").put("role", "Service lead");
        Response r = manager("olaf").contentType("application/json")
                .body(PlansApiTest.change("olaf", null, plan).toString()).post(PLANS);
        r.then().statusCode(201); // any manager creates plans: a new plan names no one yet
        return Fixtures.json(r.asString()).get("id").asLong();
    }

    private static Response update(RequestSpecification who, long id, int revision, String account) {
        return who.contentType("application/json").header("If-Match", "\"r" + revision + "\"")
                .body(PlansApiTest.change("x", null, PlansApiTest.plan(account, "Dana Reyes")).toString()).put(PLANS + "/" + id);
    }

    @Test
    void theTeamByUserNameTheOwnerAndAMemberByNameMayChangeThePlan() {
        long id = teamPlan();
        update(manager("mmuster"), id, 1, PlansApiTest.account("By user")).then().statusCode(200);
        // the change keeps Dana Reyes as owner (PlansApiTest.plan names her owner and on the team)
        update(manager("dana reyes"), id, 2, PlansApiTest.account("By owner")).then().statusCode(200);
        long other = teamPlan();
        update(manager("Lea Lang"), other, 1, PlansApiTest.account("By member")).then().statusCode(200);
        // Lea's change replaced the team: Max is no longer on it, and is refused from then on
        update(manager("mmuster"), other, 2, PlansApiTest.account("Max again")).then().statusCode(403);
        long third = teamPlan();
        manager("mmuster").contentType("application/json").body("{}").post(PLANS + "/" + third + "/links").then().statusCode(201);
        manager("mmuster").get(PLANS + "/" + third + "/links").then().statusCode(200);
    }

    @Test
    void aManagerThePlanDoesNotNameIsRefusedNamingTheRuleAndNothingChanges() {
        long id = teamPlan();
        Response refused = update(manager("olaf"), id, 1, PlansApiTest.account("Taken over"));
        refused.then().statusCode(403).contentType("application/problem+json");
        JsonNode problem = Fixtures.json(refused.asString());
        assertThat(problem.get("type").asText()).isEqualTo("urn:parley:problem:forbidden");
        assertThat(problem.get("detail").asText()).contains("'olaf'").contains("account team");
        // "Max Muster" is the display name of a member who signs in as mmuster: not a match
        update(manager("Max Muster"), id, 1, PlansApiTest.account("Name alone")).then().statusCode(403);
        manager("olaf").contentType("application/json").body(PlanScenariosApiTest.stored("B", false,
                PlanScenariosApiTest.example(PlanScenariosApiTest.RENEWAL)).toString()).post(PLANS + "/" + id + "/scenarios")
                .then().statusCode(403);
        manager("olaf").contentType("application/json").body("{}").post(PLANS + "/" + id + "/links").then().statusCode(403);
        manager("olaf").get(PLANS + "/" + id + "/links").then().statusCode(403);
        manager("olaf").delete(PLANS + "/" + id + "/actuals/1").then().statusCode(403);
        // it may still read the plan, which is unchanged
        manager("olaf").get(PLANS + "/" + id).then().statusCode(200).header("ETag", "\"r1\"");
    }

    @Test
    void anAdministratorChangesAnyPlanAndAnotherTenantsManagerFindsNone() {
        long id = teamPlan();
        update(as("root", TestCaller.TENANT, "admin"), id, 1, PlansApiTest.account("By admin")).then().statusCode(200);
        Response other = update(as("mmuster", "acme-other", "manager"), id, 2, PlansApiTest.account("Elsewhere"));
        other.then().statusCode(404);
        assertThat(Fixtures.json(other.asString()).get("detail").asText()).isEqualTo("no plan " + id);
    }
}
