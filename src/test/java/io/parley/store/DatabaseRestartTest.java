package io.parley.store;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.Fixtures;
import io.parley.api.Contract;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The plan store fails under the running service, and comes back: meanwhile every call that needs it
 * answers a prompt 503 with Retry-After (no 500, no stack trace), and afterwards the service serves
 * the plans written before and takes new ones, without being restarted. The store is a MariaDB server
 * of this test's own ({@link ThrowawayMariaDb}), never the machine's shared one.
 */
@QuarkusTest
@WithTestResource(value = ThrowawayMariaDb.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class DatabaseRestartTest {

    static final String PLANS = "/api/v1/plans";
    static final String PROBLEM = "application/problem+json";

    /**
     * A call while the store is down or frozen answers within this. Down takes about a second (the
     * connection is refused); frozen takes the pool's acquisition timeout (5 s) plus at most one
     * connection's validation (2 s); the rest is margin for a busy machine.
     */
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(15);

    /** Once the store answers again the service serves within this, by itself. */
    static final Duration RECOVER_WITHIN = Duration.ofSeconds(30);

    static ObjectNode planOf(String account) {
        ObjectNode plan = Fixtures.MAPPER.createObjectNode();
        plan.putObject("account").put("name", account).put("currency", "EUR");
        plan.put("owner", "Dana Reyes").put("relationship", "consultative")
                .put("reviewCadence", "quarterly").put("nextReview", "2026-10-01");
        return plan;
    }

    static Response create(ObjectNode plan) {
        ObjectNode body = Fixtures.MAPPER.createObjectNode().put("author", "Dana Reyes").put("message", "first draft");
        body.set("plan", plan);
        return given().filter(Contract.CONFORMS).contentType(ContentType.JSON).accept(ContentType.JSON)
                .body(body.toString()).when().post(PLANS);
    }

    /** Creates the plan and answers its id. */
    static long created(ObjectNode plan) {
        Response r = create(plan);
        r.then().statusCode(201);
        return Fixtures.json(r.asString()).get("id").asLong();
    }

    static Response get(String path) {
        return given().filter(Contract.CONFORMS).accept(ContentType.JSON).when().get(path);
    }

    /** The call's answer, which must come within {@link #ANSWER_WITHIN}. */
    static Response promptly(String what, Supplier<Response> call) {
        long start = System.nanoTime();
        Response r = assertTimeoutPreemptively(ANSWER_WITHIN, call::get, what + " hung while the store was unavailable");
        System.out.printf("%s answered %d in %d ms%n", what, r.statusCode(), (System.nanoTime() - start) / 1_000_000);
        return r;
    }

    /** A 503 a client can act on (retry after 5 s), with nothing of the failure's internals. */
    static void unavailable(Response r) {
        r.then().statusCode(503).contentType(PROBLEM).header("Retry-After", "5");
        JsonNode problem = Fixtures.json(r.asString());
        assertThat(problem.get("type").asText()).isEqualTo("urn:parley:problem:unavailable");
        assertThat(problem.get("status").asInt()).isEqualTo(503);
        assertThat(r.asString()).doesNotContain("Exception", "\tat ", "jdbc", "SQL", "mariadb", "127.0.0.1");
    }

    /** The plan as it was written before the outage, read back once the service serves again. */
    static void servedAgainIntact(long id, String account, ObjectNode plan) {
        long back = System.nanoTime();
        long deadline = back + RECOVER_WITHIN.toNanos();
        Response read = get(PLANS + "/" + id);
        while (read.statusCode() == 503 && System.nanoTime() < deadline) {
            sleep(250);
            read = get(PLANS + "/" + id);
        }
        System.out.printf("serving again %d ms after the store was back%n", (System.nanoTime() - back) / 1_000_000);
        read.then().statusCode(200).header("ETag", "\"r1\"");
        JsonNode stored = Fixtures.json(read.asString());
        assertThat(stored.get("account").asText()).isEqualTo(account);
        assertThat(stored.get("revision").asInt()).isEqualTo(1);
        assertThat(stored.get("plan")).isEqualTo(plan.deepCopy().put("status", "draft"));
    }

    @Test
    void whileTheStoreIsDownCallsAnswer503AndTheServiceRecoversOnItsOwnWhenItIsBack() {
        ThrowawayMariaDb store = ThrowawayMariaDb.server();
        String account = "Restart-" + UUID.randomUUID();
        ObjectNode plan = planOf(account);
        long id = created(plan);

        store.shutDown();
        try {
            unavailable(promptly("GET one plan", () -> get(PLANS + "/" + id)));
            unavailable(promptly("GET the list", () -> get(PLANS + "?account=" + account)));
            unavailable(promptly("POST a plan", () -> create(planOf("Outage-" + UUID.randomUUID()))));
            // monitoring sees the store down; the load balancer still sees a ready service (the engine needs no store)
            given().when().get("/q/health/well").then().statusCode(503)
                    .body("checks.find { it.name == 'plan store' }.status", org.hamcrest.Matchers.equalTo("DOWN"));
            given().when().get("/q/health/ready").then().statusCode(200);
        } finally {
            store.startAgain();
        }

        servedAgainIntact(id, account, plan);
        given().when().get("/q/health/well").then().statusCode(200)
                .body("checks.find { it.name == 'plan store' }.status", org.hamcrest.Matchers.equalTo("UP"));
        JsonNode listed = Fixtures.json(get(PLANS + "?account=" + account).then().statusCode(200).extract().asString());
        assertThat(listed.get("total").asInt()).isEqualTo(1);
        created(planOf("After-" + UUID.randomUUID()));
    }

    @Test
    void aStoreThatStopsAnsweringIsA503WithinTheTimeoutsNotAHangingRequest() {
        ThrowawayMariaDb store = ThrowawayMariaDb.server();
        String account = "Frozen-" + UUID.randomUUID();
        ObjectNode plan = planOf(account);
        long id = created(plan);

        store.freeze();
        try {
            unavailable(promptly("GET one plan from a frozen store", () -> get(PLANS + "/" + id)));
            unavailable(promptly("POST a plan to a frozen store", () -> create(planOf("Frozen-" + UUID.randomUUID()))));
        } finally {
            store.thaw();
        }

        servedAgainIntact(id, account, plan);
        created(planOf("Thawed-" + UUID.randomUUID()));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the service to recover", e);
        }
    }
}
