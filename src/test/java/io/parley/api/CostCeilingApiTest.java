package io.parley.api;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.Fixtures;
import io.parley.engine.Cost;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/**
 * Requests are admitted by their cost, evaluations × product-periods: over the ceiling (6·10¹⁰ by
 * default) a 422 names it whatever the endpoint; light work runs while every heavy-work slot is taken,
 * and any analysis above the light threshold (10⁸) waits for a slot like a simulation does.
 */
@QuarkusTest
class CostCeilingApiTest {

    /** 1000 products × 50 years × 12 months: 600 000 product-periods, the largest scenario the model takes. */
    static final long LARGEST_PRODUCT_PERIODS = 1000L * 50 * 12;

    @Inject
    HeavyWork heavy;

    static ObjectNode largestScenario() {
        ObjectNode scenario = (ObjectNode) Fixtures.json(Fixtures.exampleText("single-year-spot.json"));
        scenario.putObject("horizon").put("years", 50).put("periodsPerYear", 12);
        ArrayNode products = scenario.putArray("products");
        for (int i = 0; i < 1000; i++) {
            products.addObject().put("id", "p" + i).put("baseVolume", 1000).put("listPrice", 10).put("unitCost", 6);
        }
        ObjectNode terms = (ObjectNode) scenario.get("terms");
        terms.putObject("discounts");
        terms.put("contractYears", 50);
        return scenario;
    }

    @Test
    void aStreamedSweepOverTheCeilingIsRefusedNamingIt() {
        ObjectNode request = Fixtures.MAPPER.createObjectNode();
        request.set("scenario", largestScenario());
        ArrayNode levers = request.putArray("levers");
        levers.addObject().put("path", "terms.paymentDays").put("from", 0).put("to", 120).put("steps", 999);
        levers.addObject().put("path", "supplier.costOfCapital").put("from", 0.05).put("to", 0.15).put("steps", 999);
        // 1000 × 1000 points × 600 000 product-periods = 6·10¹¹ > 6·10¹⁰
        given().filter(Contract.CONFORMS).contentType(ContentType.JSON).accept("text/csv").body(request.toString())
                .when().post("/api/v1/analyses/sweep")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:parley:problem:limit-exceeded"))
                .body("limit", equalTo(60_000_000_000L))
                .body("requested", equalTo(1_000_000L * LARGEST_PRODUCT_PERIODS))
                .body("errors.pointer", hasItem("/levers"))
                .body("detail", containsString("evaluations × product-periods"));
    }

    @Test
    void lightWorkRunsWhileEverySlotIsTakenAndHeavierAnalysesWaitForOne() {
        ObjectNode tornado = Fixtures.MAPPER.createObjectNode();
        tornado.set("scenario", Fixtures.json(Fixtures.exampleText("single-year-spot.json")));
        tornado.putArray("levers").addObject().put("path", "terms.paymentDays").put("low", 0).put("high", 60);

        ObjectNode spider = Fixtures.MAPPER.createObjectNode();
        spider.set("scenario", largestScenario());
        spider.putArray("levers").add("terms.paymentDays");
        ArrayNode changes = spider.putArray("changes");
        for (int i = 0; i <= 1000; i++) changes.add(-0.5 + i / 1000.0);
        // (1 + 1001) evaluations × 600 000 product-periods ≈ 6·10⁸ > 10⁸: heavy

        int taken = heavy.drain();
        try {
            given().filter(Contract.CONFORMS).contentType(ContentType.JSON).accept(ContentType.JSON).body(tornado.toString())
                    .when().post("/api/v1/analyses/tornado")
                    .then().statusCode(200);
            given().filter(Contract.CONFORMS).contentType(ContentType.JSON).accept(ContentType.JSON).body(spider.toString())
                    .when().post("/api/v1/analyses/spider")
                    .then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", "2")
                    .body("type", equalTo("urn:parley:problem:busy"));
        } finally {
            heavy.release(taken);
        }
    }

    @Test
    void heavyWorkIsAdmittedByTheHeapItHolds() {
        long budget = heavy.heapBudget();
        assertThat(budget).isEqualTo((long) (Runtime.getRuntime().maxMemory() * 0.5));
        Cost light = new Cost(1, 1);
        // more than the whole budget: a 422 naming it, whatever else runs
        assertThatThrownBy(() -> heavy.admitHeavy("/samples", light, budget + 1, "one Monte Carlo summary"))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(422);
                    assertThat(e.problem().detail()).contains("bytes of heap one Monte Carlo summary holds")
                            .contains(String.valueOf(budget));
                });
        // within it, but not beside another run holding 60 % of it: a 503 to retry, and the first's slot is kept
        int free = heavy.available();
        try (HeavyWork.Permit first = heavy.admitHeavy("/samples", light, budget * 6 / 10, "a run")) {
            assertThatThrownBy(() -> heavy.admitHeavy("/samples", light, budget * 6 / 10, "a run"))
                    .isInstanceOfSatisfying(ProblemException.class, e -> {
                        assertThat(e.problem().status()).isEqualTo(503);
                        assertThat(e.retryAfterSeconds()).isEqualTo(2);
                    });
            assertThat(heavy.available()).isEqualTo(free - 1);
        }
        // once the first ends its heap is free again
        try (HeavyWork.Permit again = heavy.admitHeavy("/samples", light, budget * 6 / 10, "a run")) {
            assertThat(heavy.available()).isEqualTo(free - 1);
        }
        assertThat(heavy.available()).isEqualTo(free);
    }
}
