package io.parley.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.Fixtures;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrent writers (plan updates with If-Match, creates with an Idempotency-Key) while the plan
 * store is killed (SIGKILL), frozen past the socket timeout and stopped, each time brought back. What
 * the writers were told must be true afterwards: no 500 and no 404 for a plan that exists; every
 * acknowledged write is stored; every write whose answer was a 503 or nothing is found either stored
 * or not (the test says which, and counts), never stored twice; a create retried with its key makes
 * exactly one plan. The store is a MariaDB of this test's own ({@link FaultyMariaDb}).
 */
@QuarkusTest
@WithTestResource(value = WritesUnderFaultTest.FaultyMariaDb.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class WritesUnderFaultTest {

    /** The driver's socket timeout here: a freeze past it fails statements in seconds, not the production 30 s. */
    static final int SOCKET_TIMEOUT_MILLIS = 2000;

    /** A throwaway MariaDB whose clients give up on a silent socket after {@link #SOCKET_TIMEOUT_MILLIS}. */
    public static class FaultyMariaDb extends ThrowawayMariaDb {
        @Override
        public Map<String, String> start() {
            Map<String, String> config = new HashMap<>(super.start());
            String profile = "%" + System.getProperty("quarkus.test.profile", "test") + ".";
            for (String prefix : List.of("", profile)) {
                config.put(prefix + "quarkus.datasource.jdbc.additional-jdbc-properties.socketTimeout",
                        Integer.toString(SOCKET_TIMEOUT_MILLIS));
            }
            return config;
        }
    }

    static final String PLANS = "/api/v1/plans";
    /** Plans updated concurrently, one writer each (so a 412 only follows an answer the writer did not get). */
    static final int UPDATED_PLANS = 2;
    /** How long the writers run on a healthy store between faults. */
    static final Duration HEALTHY = Duration.ofMillis(1500);
    /** How long the store stays down after a kill or a stop. */
    static final Duration DOWN = Duration.ofSeconds(1);
    /** A freeze outlasts the socket timeout, so statements and commits in flight fail on it. */
    static final Duration FROZEN = Duration.ofMillis(SOCKET_TIMEOUT_MILLIS + 1500);
    /** Once the store is back, the service serves within this, by itself. */
    static final Duration RECOVER_WITHIN = Duration.ofSeconds(30);
    /** A client that heard nothing for this long counts the request as unanswered. */
    static final int CLIENT_TIMEOUT_MILLIS = 30_000;
    /** The status recorded for a request that got no answer (the connection closed, the client timed out). */
    static final int NO_ANSWER = -1;

    /** One write and what its writer was told: a status, and the problem type of a 503. */
    record Outcome(String kind, long planId, String marker, String key, ObjectNode body, int status, String type) {
        boolean acknowledged() {
            return status == 200 || status == 201;
        }

        boolean unknown() {
            return status == 503 || status == NO_ANSWER;
        }
    }

    private final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final Queue<String> violations = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean(true);

    static RequestSpecification client() {
        return given().config(RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.socket.timeout", CLIENT_TIMEOUT_MILLIS)
                .setParam("http.connection.timeout", CLIENT_TIMEOUT_MILLIS)));
    }

    static ObjectNode planOf(String account, String owner) {
        ObjectNode plan = Fixtures.MAPPER.createObjectNode();
        plan.putObject("account").put("name", account).put("currency", "EUR");
        plan.put("owner", owner).put("relationship", "consultative")
                .put("reviewCadence", "quarterly").put("nextReview", "2026-10-01");
        return plan;
    }

    static ObjectNode change(String message, ObjectNode plan) {
        ObjectNode body = Fixtures.MAPPER.createObjectNode().put("author", "Dana Reyes").put("message", message);
        body.set("plan", plan);
        return body;
    }

    static Response post(String key, ObjectNode body) {
        return client().header("Idempotency-Key", key).contentType(ContentType.JSON).accept(ContentType.JSON)
                .body(body.toString()).when().post(PLANS);
    }

    @Test
    void whatWritersAreToldWhileTheStoreIsKilledFrozenAndStoppedIsTrueAfterwards() throws InterruptedException {
        ThrowawayMariaDb store = ThrowawayMariaDb.server();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < UPDATED_PLANS; i++) {
            Response r = post(UUID.randomUUID().toString(), change("first draft", planOf("Updated-" + UUID.randomUUID(), "Dana Reyes")));
            r.then().statusCode(201);
            ids.add(Fixtures.json(r.asString()).get("id").asLong());
        }

        List<Thread> writers = new ArrayList<>();
        for (long id : ids) writers.add(new Thread(() -> update(id), "updater-" + id));
        writers.add(new Thread(this::create, "creator"));
        writers.forEach(Thread::start);
        try {
            Thread.sleep(HEALTHY.toMillis());
            store.kill();
            Thread.sleep(DOWN.toMillis());
            store.startAgain();
            Thread.sleep(HEALTHY.toMillis());
            store.freeze();
            Thread.sleep(FROZEN.toMillis());
            store.thaw();
            Thread.sleep(HEALTHY.toMillis());
            store.shutDown();
            Thread.sleep(DOWN.toMillis());
            store.startAgain();
            Thread.sleep(HEALTHY.toMillis());
        } finally {
            writing.set(false);
            for (Thread w : writers) w.join(2L * CLIENT_TIMEOUT_MILLIS);
        }
        awaitService();

        List<Outcome> all = List.copyOf(outcomes);
        Map<Integer, Long> byStatus = all.stream().collect(Collectors.groupingBy(Outcome::status, Collectors.counting()));
        System.out.println("writes under fault, by status: " + byStatus);
        assertThat(violations).as("answers no writer may be given").isEmpty();
        assertThat(all).as("writes made").isNotEmpty();
        assertThat(all).extracting(Outcome::status).as("every answer is one a client can act on")
                .allMatch(s -> s == 200 || s == 201 || s == 412 || s == 503 || s == NO_ANSWER);

        int unknownStored = 0;
        int unknownNotStored = 0;
        for (long id : ids) {
            List<String> messages = new ArrayList<>();
            Fixtures.json(client().accept(ContentType.JSON).get(PLANS + "/" + id + "/revisions").then().statusCode(200)
                    .extract().asString()).get("revisions").forEach(r -> messages.add(r.get("message").asText()));
            assertThat(messages).as("revisions of plan %d: no write stored twice", id).doesNotHaveDuplicates();
            for (Outcome o : all) {
                if (!o.kind().equals("update") || o.planId() != id) continue;
                if (o.acknowledged()) assertThat(messages).as("an acknowledged update").contains(o.marker());
                if (o.status() == 412) assertThat(messages).as("a refused update").doesNotContain(o.marker());
                if (o.unknown()) {
                    if (messages.contains(o.marker())) unknownStored++;
                    else unknownNotStored++;
                }
            }
        }

        for (Outcome o : all) {
            if (!o.kind().equals("create")) continue;
            if (o.unknown()) {
                // the client's way to find out: the same key and body, until the service answers
                Response retried = retriedUntilAnswered(o);
                retried.then().statusCode(201);
                if (Fixtures.json(retried.asString()).get("revision").asInt() != 1) {
                    violations.add("the retried create " + o.key() + " is not at revision 1");
                }
            }
            JsonNode listed = Fixtures.json(client().accept(ContentType.JSON).queryParam("account", o.marker())
                    .get(PLANS).then().statusCode(200).extract().asString());
            if (o.acknowledged() || o.unknown()) {
                assertThat(listed.get("total").asInt()).as("plans of the create %s (%d)", o.key(), o.status()).isEqualTo(1);
            }
        }
        System.out.printf("unanswered or 503 updates found stored: %d, not stored: %d%n", unknownStored, unknownNotStored);
        assertThat(violations).isEmpty();
    }

    /** One writer keeps changing plan {@code id}, each change marked by its message. */
    private void update(long id) {
        String etag = null;
        for (int seq = 1; writing.get(); seq++) {
            if (etag == null) {
                etag = currentEtag(id);
                if (etag == null) continue;
            }
            String marker = "update " + id + "-" + seq;
            ObjectNode body = change(marker, planOf("Updated", "Owner " + seq));
            String basedOn = etag;
            Outcome o = answered("update", id, marker, null, body, () -> client().header("If-Match", basedOn)
                    .contentType(ContentType.JSON).accept(ContentType.JSON).body(body.toString()).put(PLANS + "/" + id));
            etag = o.acknowledged() ? lastEtag.get() : null;
        }
    }

    private final ThreadLocal<String> lastEtag = new ThreadLocal<>();

    /** The plan's ETag, or null when the store cannot say now; a 404 for it is a violation. */
    private String currentEtag(long id) {
        try {
            Response r = client().accept(ContentType.JSON).get(PLANS + "/" + id);
            if (r.statusCode() == 200) return r.header("ETag");
            if (r.statusCode() != 503) violations.add("GET plan " + id + " answered " + r.statusCode() + ": " + r.asString());
        } catch (RuntimeException noAnswer) {
            // the service did not answer in time: ask again
        }
        pause();
        return null;
    }

    /** One writer keeps creating plans, each under a key of its own and an account named after it. */
    private void create() {
        while (writing.get()) {
            String key = UUID.randomUUID().toString();
            String account = "Created-" + key;
            ObjectNode body = change("first draft", planOf(account, "Dana Reyes"));
            answered("create", 0, account, key, body, () -> post(key, body));
        }
    }

    /** Makes the call, records what the writer was told, and checks the answer is not one it may never get. */
    private Outcome answered(String kind, long planId, String marker, String key, ObjectNode body,
                             java.util.function.Supplier<Response> call) {
        int status;
        String type = null;
        try {
            Response r = call.get();
            status = r.statusCode();
            lastEtag.set(r.header("ETag"));
            if (status == 503) {
                type = Fixtures.json(r.asString()).get("type").asText();
                if (!Set.of("urn:parley:problem:unavailable", "urn:parley:problem:outcome-unknown").contains(type)
                        || r.header("Retry-After") == null) {
                    violations.add(kind + " " + marker + ": a 503 without a store problem or Retry-After: " + r.asString());
                }
            } else if (status >= 500 || status == 404) {
                violations.add(kind + " " + marker + " answered " + status + ": " + r.asString());
            }
        } catch (RuntimeException noAnswer) {
            status = NO_ANSWER;
        }
        Outcome o = new Outcome(kind, planId, marker, key, body, status, type);
        outcomes.add(o);
        if (o.unknown()) pause();
        return o;
    }

    private Response retriedUntilAnswered(Outcome o) {
        long deadline = System.nanoTime() + RECOVER_WITHIN.toNanos();
        Response r = post(o.key(), o.body());
        while ((r.statusCode() == 503 || r.statusCode() == 409) && System.nanoTime() < deadline) {
            pause();
            r = post(o.key(), o.body());
        }
        return r;
    }

    private void awaitService() {
        long deadline = System.nanoTime() + RECOVER_WITHIN.toNanos();
        while (client().accept(ContentType.JSON).get(PLANS).statusCode() != 200 && System.nanoTime() < deadline) {
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
