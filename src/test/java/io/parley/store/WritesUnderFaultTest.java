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

    /**
     * A throwaway MariaDB whose clients give up on a silent socket after {@link #SOCKET_TIMEOUT_MILLIS},
     * reached through a {@link DroppingProxy} (which passes everything through until armed).
     */
    public static class FaultyMariaDb extends ThrowawayMariaDb {
        static volatile DroppingProxy proxy;

        @Override
        public Map<String, String> start() {
            Map<String, String> config = new HashMap<>(super.start());
            proxy = new DroppingProxy(port());
            String direct = "127.0.0.1:" + port() + "/";
            String proxied = "127.0.0.1:" + proxy.port() + "/";
            config.replaceAll((key, value) -> value.replace(direct, proxied));
            // a displaced system property (see ThrowawayMariaDb.start) takes the proxied address too
            config.forEach((key, value) -> {
                if (System.getProperty(key) != null) System.setProperty(key, value);
            });
            String profile = "%" + System.getProperty("quarkus.test.profile", "test") + ".";
            for (String prefix : List.of("", profile)) {
                config.put(prefix + "quarkus.datasource.jdbc.additional-jdbc-properties.socketTimeout",
                        Integer.toString(SOCKET_TIMEOUT_MILLIS));
            }
            return config;
        }

        @Override
        public synchronized void stop() {
            try {
                super.stop();
            } finally {
                if (proxy != null) proxy.close();
            }
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

    /** A change of a stored plan that goes through {@code PlanStore.forUpdate}, made once; {@code check} says whether it is stored. */
    record Write(String kind, Runnable prepare, java.util.function.Supplier<Response> call,
                 java.util.function.BooleanSupplier stored) {
    }

    /**
     * Every change that locks a plan through {@code forUpdate} (update, actuals upload and delete,
     * scenario add and agree, archive) made just after the service's pooled connections were lost:
     * first killed server-side while idle ({@code KILL CONNECTION}: the pool's check on borrowing finds
     * them dead and opens new ones), then cut exactly between the pool's check and the transaction's
     * enlistment ({@link DroppingProxy}). Each answer is one a client can act on, never a 500 nor a 404
     * for the plan; a 503 has Retry-After and says whether anything may have been stored; a write the
     * service acknowledged, or finished on a retry, is stored exactly once; and the log shows the
     * enlistment failing, so the cut did hit that path.
     */
    @Test
    void writesRightAfterThePoolLostItsConnectionsAreTrueToWhatTheyAnswer() {
        ThrowawayMariaDb store = ThrowawayMariaDb.server();
        DroppingProxy proxy = FaultyMariaDb.proxy;
        List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler watcher = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                StringBuilder text = new StringBuilder(String.valueOf(new java.util.logging.SimpleFormatter().formatMessage(record)));
                for (Throwable t = record.getThrown(); t != null; t = t.getCause()) text.append(" | ").append(t);
                String line = text.toString();
                if (line.toLowerCase(java.util.Locale.ROOT).contains("enlist") || line.contains("HHH90010102")) logged.add(line);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(watcher);
        Map<String, Integer> cutPerKind = new java.util.LinkedHashMap<>();
        try {
            for (String phase : List.of("killed while idle", "cut at enlistment")) {
                for (Write write : writesOnAFreshPlan(phase)) {
                    write.prepare().run(); // reads the write needs are made before the fault, not under it
                    int cutBefore = proxy.cut();
                    if (phase.equals("killed while idle")) {
                        assertThat(store.killClientConnections()).as("connections killed").isPositive();
                    } else {
                        proxy.arm(1);
                    }
                    Response first = attempt(write, phase);
                    proxy.disarm();
                    if (phase.equals("cut at enlistment")) cutPerKind.put(write.kind(), proxy.cut() - cutBefore);
                    int status = first == null ? NO_ANSWER : first.statusCode();
                    String type = status == 503 ? Fixtures.json(first.asString()).path("type").asText() : null;
                    System.out.printf("%s, %s: %d %s%n", phase, write.kind(), status, type == null ? "" : type);
                    Response last = first;
                    long deadline = System.nanoTime() + RECOVER_WITHIN.toNanos();
                    while ((last == null || last.statusCode() == 503) && System.nanoTime() < deadline) {
                        pause();
                        last = attempt(write, phase + " (retried)");
                    }
                    boolean stored = write.stored().getAsBoolean();
                    if (last == null || last.statusCode() >= 400 && !(last.statusCode() == 404 && write.kind().equals("actuals delete"))) {
                        violations.add(phase + ", " + write.kind() + ": the retries ended in "
                                + (last == null ? "no answer" : last.statusCode() + " " + last.asString()));
                    }
                    if (!stored) violations.add(phase + ", " + write.kind() + ": answered " + status + " then "
                            + (last == null ? "nothing" : last.statusCode()) + ", yet not stored");
                }
            }
        } finally {
            proxy.disarm();
            root.removeHandler(watcher);
        }
        System.out.println("connections cut between the pool's check and enlistment, per write: " + cutPerKind);
        logged.stream().limit(5).forEach(l -> System.out.println("  logged: " + l.substring(0, Math.min(400, l.length()))));
        assertThat(violations).as("answers no writer may be given").isEmpty();
        assertThat(cutPerKind.values()).as("every write's connection was cut between the pool's check and its enlistment")
                .allMatch(n -> n == 1);
        assertThat(logged).as("the log shows the enlistment failing (Agroal's enlist, Hibernate's HHH90010102)").isNotEmpty();
    }

    /** The one attempt: the answer, or null when none came; an answer no writer may be given is a violation. */
    private Response attempt(Write write, String phase) {
        Response r;
        try {
            r = write.call().get();
        } catch (RuntimeException noAnswer) {
            return null;
        }
        int status = r.statusCode();
        if (status == 503) {
            String type = Fixtures.json(r.asString()).path("type").asText();
            if (!Set.of("urn:parley:problem:unavailable", "urn:parley:problem:outcome-unknown").contains(type)
                    || r.header("Retry-After") == null) {
                violations.add(phase + ", " + write.kind() + ": a 503 without a store problem or Retry-After: " + r.asString());
            }
        } else if (status >= 500 || status == 404 && !(write.kind().equals("actuals delete") && phase.endsWith("(retried)"))) {
            violations.add(phase + ", " + write.kind() + " answered " + status + ": " + r.asString());
        } else if (status == 412 || status == 409) {
            violations.add(phase + ", " + write.kind() + " answered " + status
                    + " (an earlier attempt was stored although the service said it was not?): " + r.asString());
        }
        return r;
    }

    /** The six writes through forUpdate, in an order each can follow the one before, on a plan of their own. */
    private List<Write> writesOnAFreshPlan(String phase) {
        Response created = post(UUID.randomUUID().toString(), change("first draft", planOf("Enlisted-" + UUID.randomUUID(), "Dana Reyes")));
        created.then().statusCode(201);
        long id = Fixtures.json(created.asString()).get("id").asLong();
        String plan = PLANS + "/" + id;
        ObjectNode agreed = Fixtures.MAPPER.createObjectNode().put("name", "agreed terms").put("agreed", true);
        agreed.set("scenario", Fixtures.json(Fixtures.exampleText("packaging-retailer-renewal.json")));
        client().contentType(ContentType.JSON).accept(ContentType.JSON).body(agreed.toString()).post(plan + "/scenarios")
                .then().statusCode(201);

        String marker = phase + " " + UUID.randomUUID();
        ObjectNode update = change(marker, planOf("Enlisted", "Owner"));
        String uploadKey = UUID.randomUUID().toString();
        String actuals = "{\"actuals\": [{\"period\": 3, \"netRevenue\": 4242, \"rebate\": 0, \"cogs\": 0, \"costToServe\": 0}]}";
        String scenarioKey = UUID.randomUUID().toString();
        ObjectNode scenario = Fixtures.MAPPER.createObjectNode().put("name", marker);
        scenario.set("scenario", Fixtures.json(Fixtures.exampleText("packaging-retailer-renewal.json")));
        String[] etag = new String[1];
        long[] sid = new long[1];
        Runnable readEtag = () -> etag[0] = client().accept(ContentType.JSON).get(plan).then().statusCode(200).extract().header("ETag");
        Runnable nothing = () -> { };
        return List.of(
                new Write("update", readEtag, () -> client().header("If-Match", etag[0]).contentType(ContentType.JSON).accept(ContentType.JSON)
                        .body(update.toString()).put(plan),
                        () -> revisionMessages(id).stream().filter(marker::equals).count() == 1),
                new Write("actuals upload", nothing, () -> client().header("Idempotency-Key", uploadKey).contentType(ContentType.JSON)
                        .accept(ContentType.JSON).body(actuals).post(plan + "/actuals"),
                        () -> actualPeriods(id).contains(3)),
                new Write("actuals delete", nothing, () -> client().accept(ContentType.JSON).delete(plan + "/actuals/3"),
                        () -> !actualPeriods(id).contains(3)),
                new Write("scenario add", nothing, () -> client().header("Idempotency-Key", scenarioKey).contentType(ContentType.JSON)
                        .accept(ContentType.JSON).body(scenario.toString()).post(plan + "/scenarios"),
                        () -> scenarios(id).stream().filter(s -> s.get("name").asText().equals(marker)).count() == 1),
                new Write("agree", () -> sid[0] = scenarioId(id, marker), () -> client().accept(ContentType.JSON)
                        .post(plan + "/scenarios/" + sid[0] + "/agree"),
                        () -> scenarios(id).stream().anyMatch(s -> s.get("name").asText().equals(marker) && s.get("agreed").asBoolean())),
                new Write("archive", readEtag, () -> client().header("If-Match", etag[0]).accept(ContentType.JSON)
                        .queryParam("author", "Dana Reyes").queryParam("message", marker).post(plan + "/archive"),
                        () -> Fixtures.json(client().accept(ContentType.JSON).get(plan).then().statusCode(200).extract().asString())
                        .path("status").asText().equals("archived")));
    }

    private List<String> revisionMessages(long id) {
        List<String> messages = new ArrayList<>();
        Fixtures.json(client().accept(ContentType.JSON).get(PLANS + "/" + id + "/revisions").then().statusCode(200)
                .extract().asString()).get("revisions").forEach(r -> messages.add(r.path("message").asText()));
        return messages;
    }

    private List<Integer> actualPeriods(long id) {
        List<Integer> periods = new ArrayList<>();
        Fixtures.json(client().accept(ContentType.JSON).get(PLANS + "/" + id + "/actuals").then().statusCode(200)
                .extract().asString()).get("actuals").forEach(a -> periods.add(a.get("period").asInt()));
        return periods;
    }

    private List<JsonNode> scenarios(long id) {
        List<JsonNode> all = new ArrayList<>();
        Fixtures.json(client().accept(ContentType.JSON).get(PLANS + "/" + id + "/scenarios").then().statusCode(200)
                .extract().asString()).get("scenarios").forEach(all::add);
        return all;
    }

    private long scenarioId(long id, String name) {
        return scenarios(id).stream().filter(s -> s.get("name").asText().equals(name)).findFirst().orElseThrow().get("id").asLong();
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
