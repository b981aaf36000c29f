package io.parley.api;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.Fixtures;
import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** The overview a manager opens before a review: each section states a fact about the plan as of a day. */
@QuarkusTest
class PlanOverviewApiTest {

    static JsonNode overview(long id, String asOf) {
        return Fixtures.json(given().filter(Contract.CONFORMS).accept("application/json")
                .when().get("/api/v1/plans/" + id + "/overview?asOf=" + asOf)
                .then().statusCode(200).extract().asString());
    }

    /** The test plan, with a skeptic, a second opportunity, an overdue action, a late milestone and an overrun. */
    static long busyPlan() {
        ObjectNode plan = PlansApiTest.plan(PlansApiTest.account("overview"), "Dana Reyes");
        ((ArrayNode) plan.get("stakeholders")).addObject().put("name", "Kai Berg").put("role", "CFO")
                .put("influence", "high").put("attitude", "skeptic");
        ((ArrayNode) plan.get("opportunities")).addObject().put("name", "Shelf-ready displays").put("value", 300_000)
                .put("probability", 0.9).put("attractiveness", 5).put("achievability", 5);
        ((ArrayNode) plan.get("objectives").get(0).get("actions")).addObject().put("description", "Sign the NDA")
                .put("owner", "Dana Reyes").put("due", "2026-08-01").put("status", "done");
        ObjectNode project = ((ArrayNode) plan.get("projects")).addObject().put("name", "Print plates")
                .put("budget", 70_000).put("spend", 82_500);
        project.putArray("milestones").addObject().put("name", "Plates ordered").put("due", "2026-09-01").put("status", "planned");
        return PlansApiTest.created(plan);
    }

    @Test
    void onTheDayBeforeAnythingIsDueNothingIsOverdue() {
        JsonNode o = overview(busyPlan(), "2026-07-01");
        assertThat(o.get("actions").get("overdue")).isEmpty();
        assertThat(o.get("lateMilestones")).isEmpty();
        assertThat(o.get("nextReview").get("overdue").asBoolean()).isFalse();
        // 2026-07-01 → 2026-10-01: 92 days
        assertThat(o.get("nextReview").get("daysAway").asLong()).isEqualTo(92);
    }

    @Test
    void laterTheUnfinishedAreOverdueAndTheFinishedAreNot() {
        JsonNode o = overview(busyPlan(), "2026-10-15");
        // the pilot (due 2026-09-30, in progress) is overdue; the NDA (due 2026-08-01, done) is not
        assertThat(o.get("actions").get("overdue")).hasSize(1);
        assertThat(o.get("actions").get("overdue").get(0).get("description").asText()).isEqualTo("Run the joint waste-reduction pilot");
        assertThat(o.get("actions").get("byStatus").get("inProgress").asInt()).isEqualTo(1);
        assertThat(o.get("actions").get("byStatus").get("done").asInt()).isEqualTo(1);
        // plates ordered (due 2026-09-01, planned) is late; test orders (done) is not
        assertThat(o.get("lateMilestones")).hasSize(1);
        assertThat(o.get("lateMilestones").get(0).get("milestone").asText()).isEqualTo("Plates ordered");
        assertThat(o.get("nextReview").get("overdue").asBoolean()).isTrue();
    }

    @Test
    void theMapTheRankingAndTheOverrunsAreTheirDefinitions() {
        JsonNode o = overview(busyPlan(), "2026-07-01");
        // high influence: the skeptic comes before the supporter (who needs work first)
        assertThat(o.get("stakeholderMap").get(0).get("attitude").asText()).isEqualTo("skeptic");
        assertThat(o.get("stakeholderMap").get(0).get("stakeholders").get(0).asText()).isEqualTo("Kai Berg");
        assertThat(o.get("stakeholderMap").get(1).get("attitude").asText()).isEqualTo("supporter");
        // displays score 5 × 5 = 25 rank above trays 4 × 3 = 12; weighted value 300000 × 0.9 = 270000
        assertThat(o.get("opportunities").get(0).get("score").asInt()).isEqualTo(25);
        assertThat(o.get("opportunities").get(0).get("weightedValue").asDouble()).isEqualTo(270_000.0);
        assertThat(o.get("opportunities").get(1).get("score").asInt()).isEqualTo(12);
        // print plates: 82500 − 70000 = 12500 over; EDI onboarding is within budget
        assertThat(o.get("projectsOverBudget")).hasSize(1);
        assertThat(o.get("projectsOverBudget").get(0).get("overrun").asDouble()).isEqualTo(12_500.0);
        assertThat(o.get("targets")).hasSize(2);
        assertThat(o.get("targets").get(1).get("marginPct").isNull()).isTrue();
    }

    @Test
    void targetsAgainstActualsCountThePeriodsEndedByTheDay() {
        // annual periods from 2026-01-01: period 1 (all of 2026) ends on 2026-12-31
        long id = PlanActualsApiTest.planWithAgreedScenario("2026-01-01");
        PlanActualsApiTest.upload(id, "application/json", PlanActualsApiTest.PERIOD_1);

        JsonNode before = overview(id, "2026-12-30").get("targetsToDate");
        assertThat(before.get("note").isNull()).isTrue();
        assertThat(before.get("years").get(0).get("monthsWithActuals").asInt()).isZero();

        JsonNode after = overview(id, "2026-12-31").get("targetsToDate").get("years").get(0);
        assertThat(after.get("year").asInt()).isEqualTo(2026);
        assertThat(after.get("monthsWithActuals").asInt()).isEqualTo(12);
        // revenue after rebates 6 300 000 − 60 000 against the year's 6 300 000
        assertThat(after.get("revenue").get("actual").asDouble()).isEqualTo(6_240_000.0);
        assertThat(after.get("revenue").get("variance").asDouble()).isEqualTo(-60_000.0);
    }

    @Test
    void withoutAnAgreedScenarioTheTargetsAreListedButNotCompared() {
        JsonNode o = overview(busyPlan(), "2026-07-01");
        assertThat(o.get("targets")).hasSize(2);
        assertThat(o.get("targetsToDate").get("years")).isEmpty();
        // the plan has no agreementStart: that is said first
        assertThat(o.get("targetsToDate").get("note").asText()).contains("agreementStart");
        long withStart = PlansApiTest.created(PlansApiTest.plan(PlansApiTest.account("overview"), "Dana Reyes")
                .put("agreementStart", "2026-01-01"));
        assertThat(overview(withStart, "2026-07-01").get("targetsToDate").get("note").asText()).contains("agreed");
    }

    @Test
    void anUnknownPlanOrABadDateIsAProblem() {
        given().filter(Contract.RESPONSE_CONFORMS).accept("application/json").when().get("/api/v1/plans/999999999/overview")
                .then().statusCode(404);
        given().filter(Contract.RESPONSE_CONFORMS).accept("application/json").when().get("/api/v1/plans/1/overview?asOf=tomorrow")
                .then().statusCode(400);
    }
}
