package io.parley.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

import io.parley.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Jobs end to end on one instance: a sharded sweep's joined answer is the synchronous sweep's, byte
 * for byte; the request is checked at submit exactly as the endpoint checks it; a cancelled job's work
 * stops within a second; jobs are the tenant's; an Idempotency-Key finds the first job; the callback is
 * signed. (Two instances and a killed replica: JobsClusterTest.)
 */
@QuarkusTest
class JobsApiTest {

    static final String JOBS = "/api/v1/jobs";

    @Inject
    HeavyWork heavy;
    @Inject
    io.parley.jobs.JobRepository store;
    @Inject
    javax.sql.DataSource data;

    static ObjectNode job(String operation, JsonNode request, String accept, int shards) {
        ObjectNode job = Fixtures.MAPPER.createObjectNode().put("operation", operation);
        if (accept != null) job.put("accept", accept);
        job.put("shards", shards);
        job.set("request", request);
        return job;
    }

    static Response submit(ObjectNode job) {
        return given().filter(Contract.CONFORMS).contentType(ContentType.JSON).body(job.toString()).post(JOBS);
    }

    /** A one-shard CSV sweep job calling back {@code path} of {@code receiver}. */
    static ObjectNode calling(HttpServer receiver, String path) {
        return job("sweepAnalysis", SweepApiTest.grid(), "text/csv", 1)
                .put("callbackUrl", "http://127.0.0.1:" + receiver.getAddress().getPort() + path);
    }

    /** Polls the job until it has ended; its last answer. */
    static JsonNode awaitEnd(String location) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            JsonNode job = Fixtures.json(given().filter(Contract.CONFORMS).get(location).then().statusCode(200).extract().asString());
            String state = job.get("state").asText();
            if (!state.equals("queued") && !state.equals("running")) return job;
            Thread.sleep(100);
        }
        throw new AssertionError("job " + location + " did not end within a minute");
    }

    @Test
    void aShardedSweepJobAnswersTheUnshardedSweepByteForByte() throws InterruptedException {
        for (String accept : new String[] {"text/csv", SweepApiTest.NDJSON}) {
            String whole = SweepApiTest.post("", accept, SweepApiTest.grid()).then().statusCode(200).extract().asString();
            Response submitted = submit(job("sweepAnalysis", SweepApiTest.grid(), accept, 4));
            submitted.then().statusCode(202).body("state", org.hamcrest.Matchers.equalTo("queued"))
                    .body("progress.total", org.hamcrest.Matchers.equalTo(4));
            String location = submitted.header("Location");
            assertThat(java.net.URI.create(location).getPath()).startsWith(JOBS + "/job-");
            String path = java.net.URI.create(location).getPath();
            JsonNode done = awaitEnd(location);
            assertEquals("succeeded", done.get("state").asText(), done.toString());
            assertEquals(4, done.at("/progress/done").asInt());
            assertEquals(path + "/result", done.at("/results/0/href").asText());
            assertEquals(accept, done.at("/results/0/type").asText());
            String joined = given().filter(Contract.CONFORMS).accept(accept).get(location + "/result")
                    .then().statusCode(200).contentType(accept).extract().asString();
            // 35 grid points (5 discounts × 7 payment terms) in 4 shards, joined: the unsharded answer exactly
            assertEquals(whole, joined);
            assertEquals(35 + (accept.equals("text/csv") ? 1 : 0), joined.lines().count());
            // a sharded job keeps the other format that shards join in too, the job's accept winning a tie
            String other = accept.equals("text/csv") ? SweepApiTest.NDJSON : "text/csv";
            assertEquals(other, done.at("/results/1/type").asText());
            String otherWhole = SweepApiTest.post("", other, SweepApiTest.grid()).then().statusCode(200).extract().asString();
            assertEquals(otherWhole, given().filter(Contract.CONFORMS).accept(other).get(location + "/result")
                    .then().statusCode(200).contentType(other).extract().asString());
            given().filter(Contract.CONFORMS).accept(other + ", " + accept).get(location + "/result")
                    .then().statusCode(200).contentType(accept);
            // JSON is no join of shards, so a sharded job does not keep it: a client accepting only it is told which it keeps
            given().filter(Contract.CONFORMS).accept("application/json").get(location + "/result").then().statusCode(406)
                    .contentType("application/problem+json").body("errors[0].pointer", org.hamcrest.Matchers.equalTo("Accept"))
                    .body("detail", org.hamcrest.Matchers.containsString("answers " + accept + ", " + other));
        }
    }

    /**
     * A job keeps its answer in every format its endpoint offers for the request, each byte for byte
     * what the synchronous call answers (the job's result leaves out the call's headers: provenance,
     * Parley-Shard, Parley-Grid-Points, RateLimit, X-Request-Id). The Monte Carlo run is seeded, so two
     * runs of it are the same run.
     */
    @Test
    void aJobKeepsItsAnswerInEveryFormatTheEndpointOffersByteForByte() throws InterruptedException {
        ObjectNode monteCarlo = UncertaintyApiTest.twoLevers(500).put("seed", 7);
        record Case(String operation, String path, ObjectNode request) {
        }
        for (Case c : new Case[] {new Case("sweepAnalysis", "/api/v1/analyses/sweep", SweepApiTest.grid()),
                new Case("monteCarloAnalysis", UncertaintyApiTest.MONTE_CARLO, monteCarlo)}) {
            Response submitted = submit(job(c.operation(), c.request(), null, 1));
            submitted.then().statusCode(202).body("accept", org.hamcrest.Matchers.equalTo("application/json"))
                    .body("formats", org.hamcrest.Matchers.contains("application/json", "text/csv", SweepApiTest.NDJSON));
            String location = submitted.header("Location");
            JsonNode done = awaitEnd(location);
            assertEquals("succeeded", done.get("state").asText(), done.toString());
            assertEquals(3, done.get("results").size(), done.toString());
            for (String format : new String[] {"application/json", "text/csv", SweepApiTest.NDJSON}) {
                String synchronous = UncertaintyApiTest.post(c.path(), "", format, c.request()).then().statusCode(200)
                        .extract().asString();
                String kept = given().filter(Contract.CONFORMS).accept(format).get(location + "/result")
                        .then().statusCode(200).contentType(format).extract().asString();
                assertEquals(synchronous, kept, c.operation() + " as " + format);
            }
            // a client taking anything gets the job's accept
            given().filter(Contract.CONFORMS).accept("*/*").get(location + "/result").then().statusCode(200)
                    .contentType("application/json");
        }
    }

    /**
     * The endpoint's query parameters: a table-layout sweep answers as the synchronous sweep with
     * layout=table, in JSON and CSV (the endpoint answers no NDJSON table, so none is kept); a
     * parameter the endpoint refuses for the job's format is its refusal at /parameters/<name>.
     */
    @Test
    void aJobRunsWithTheEndpointsQueryParameters() throws InterruptedException {
        ObjectNode table = job("sweepAnalysis", SweepApiTest.grid(), null, 1);
        table.putObject("parameters").put("layout", "table");
        Response submitted = submit(table);
        submitted.then().statusCode(202).body("parameters.layout", org.hamcrest.Matchers.equalTo("table"))
                .body("formats", org.hamcrest.Matchers.contains("application/json", "text/csv"));
        JsonNode done = awaitEnd(submitted.header("Location"));
        assertEquals("succeeded", done.get("state").asText(), done.toString());
        for (String format : new String[] {"application/json", "text/csv"}) {
            String synchronous = SweepApiTest.post("?layout=table", format, SweepApiTest.grid()).then().statusCode(200)
                    .extract().asString();
            assertEquals(synchronous, given().filter(Contract.CONFORMS).accept(format).get(submitted.header("Location") + "/result")
                    .then().statusCode(200).extract().asString(), format);
        }

        ObjectNode metric = job("sweepAnalysis", SweepApiTest.grid(), "text/csv", 1);
        metric.putObject("parameters").put("layout", "table").put("metric", "revenueCagr");
        Response oneMetric = submit(metric);
        oneMetric.then().statusCode(202).body("formats", org.hamcrest.Matchers.contains("text/csv"));
        awaitEnd(oneMetric.header("Location"));
        assertEquals(SweepApiTest.post("?layout=table&metric=revenueCagr", "text/csv", SweepApiTest.grid()).then().statusCode(200)
                        .extract().asString(),
                given().filter(Contract.CONFORMS).accept("text/csv").get(oneMetric.header("Location") + "/result")
                        .then().statusCode(200).extract().asString());

        metric.put("accept", "application/json");
        submit(metric).then().statusCode(400).body("errors[0].pointer", org.hamcrest.Matchers.equalTo("/parameters/metric"));
        ObjectNode split = job("sweepAnalysis", SweepApiTest.grid(), "text/csv", 2);
        split.putObject("parameters").put("shard", "1");
        submit(split).then().statusCode(422).body("errors[0].pointer", org.hamcrest.Matchers.equalTo("/parameters/shard"));
    }

    @Test
    void theRequestIsCheckedAtSubmitAsItsEndpointChecksIt() {
        ObjectNode bad = SweepApiTest.grid();
        ((ObjectNode) bad.withArray("levers").get(1)).put("path", "terms.paymentDayz");
        JsonNode direct = Fixtures.json(SweepApiTest.post("", "text/csv", bad).then().statusCode(422).extract().asString());
        JsonNode refused = Fixtures.json(submit(job("sweepAnalysis", bad, "text/csv", 2)).then().statusCode(422)
                .contentType("application/problem+json").extract().asString());
        assertEquals("/levers/1/path", direct.at("/errors/0/pointer").asText());
        assertEquals("/request/levers/1/path", refused.at("/errors/0/pointer").asText());
        assertEquals(direct.at("/errors/0/message"), refused.at("/errors/0/message"));
        assertEquals(direct.get("type"), refused.get("type"));

        // a request the contract itself refuses, sent past the contract check to see the service refuse it too
        JsonNode unknown = Fixtures.json(given().contentType(ContentType.JSON).body(job("sweeep", SweepApiTest.grid(), null, 1).toString())
                .post(JOBS).then().statusCode(422).extract().asString());
        assertEquals("/operation", unknown.at("/errors/0/pointer").asText());
        JsonNode unsplittable = Fixtures.json(submit(job("sweepAnalysis", SweepApiTest.grid(), "application/json", 3))
                .then().statusCode(422).extract().asString());
        assertEquals("/shards", unsplittable.at("/errors/0/pointer").asText());
    }

    @Test
    void anotherTenantsJobIsNotFound() throws InterruptedException {
        String location = submit(job("sweepAnalysis", SweepApiTest.grid(), "text/csv", 1)).then().statusCode(202)
                .extract().header("Location");
        TenancyApiTest.otherTenant().get(location).then().statusCode(404).contentType("application/problem+json");
        TenancyApiTest.otherTenant().delete(location).then().statusCode(404);
        TenancyApiTest.otherTenant().get(location + "/result").then().statusCode(404);
        given().filter(Contract.CONFORMS).get(JOBS + "/job-no-such-job").then().statusCode(404);
        awaitEnd(location); // no work of this test is left running into the next
    }

    @Test
    void anIdempotencyKeyFindsTheFirstJob() throws InterruptedException {
        ObjectNode job = job("sweepAnalysis", SweepApiTest.grid(), "text/csv", 2);
        String key = "jobs-test-" + System.nanoTime();
        String first = given().filter(Contract.CONFORMS).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(job.toString()).post(JOBS).then().statusCode(202).extract().header("Location");
        String again = given().filter(Contract.CONFORMS).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(job.toString()).post(JOBS).then().statusCode(202).extract().header("Location");
        assertEquals(first, again);
        awaitEnd(first);
        job.put("shards", 3);
        given().filter(Contract.CONFORMS).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(job.toString()).post(JOBS).then().statusCode(422)
                .body("type", org.hamcrest.Matchers.equalTo("urn:parley:problem:idempotency-key-reused"));
    }

    /**
     * Ends every other job and waits until no heavy work runs, so the next work to start is the test's
     * own. Without it the cancel test once watched another job's work: the test database keeps the jobs
     * of earlier runs, and a job an earlier service left unfinished (a test that did not wait for its
     * job, a run stopped midway) is run again by this service, through Quartz's recovery at its start
     * and its lost-shard recovery 5 s after it, whenever that happens to fall; a shard of it starting
     * after the test's look at what ran before was taken for the cancelled job's work.
     */
    private void noOtherJobRuns() throws InterruptedException {
        java.time.Instant now = java.time.Instant.now();
        store.unfinishedShards().stream().map(io.parley.jobs.JobRepository.ShardRef::job).distinct()
                .forEach(id -> store.end(id, io.parley.jobs.JobState.CANCELLED, java.util.Optional.empty(), now, now));
        for (int i = 0; i < 3000 && !heavy.running().isEmpty(); i++) Thread.sleep(20);
        assertTrue(heavy.running().isEmpty(), "no other job's work runs: " + heavy.running().size());
    }

    @Test
    void cancellingAJobStopsItsWorkWithinASecond() throws InterruptedException {
        noOtherJobRuns();
        java.util.Set<io.parley.engine.Work> before = heavy.running();
        String location = submit(job("sweepAnalysis", Fixtures.json(AbandonedWorkApiTest.hugeSweep()), "text/csv", 1))
                .then().statusCode(202).extract().header("Location");
        io.parley.engine.Work work = null;
        for (int i = 0; i < 1500 && work == null; i++) {
            java.util.Set<io.parley.engine.Work> started = heavy.running();
            started.removeAll(before);
            if (started.size() == 1) work = started.iterator().next();
            else Thread.sleep(20);
        }
        assertTrue(work != null, "the job's shard started");
        for (int i = 0; i < 1000 && work.evaluations() < 1000; i++) Thread.sleep(20);
        assertTrue(work.evaluations() >= 1000, "the shard has been computing");

        given().filter(Contract.CONFORMS).delete(location).then().statusCode(200)
                .body("state", org.hamcrest.Matchers.equalTo("cancelled"));
        // the second runs from the cancel's answer: the call itself (and checking it against the contract) may take a while under load
        long cancelled = System.nanoTime();
        while (System.nanoTime() - cancelled < TimeUnit.SECONDS.toNanos(1) && heavy.running().contains(work)) Thread.sleep(10);
        assertTrue(!heavy.running().contains(work), "the job's work has left its slot a second after the cancel");
        long evaluations = work.evaluations();
        Thread.sleep(300);
        assertEquals(evaluations, work.evaluations(), "the work does not go on");
        given().filter(Contract.CONFORMS).get(location + "/result").then().statusCode(409);
    }

    @Test
    void aCallbackTheReceiverFailsIsSentAgainSignedAfresh() throws Exception {
        // the receiver fails twice (503), then takes the third send; each send's signature is checked on its own
        BlockingQueue<String[]> calls = new ArrayBlockingQueue<>(5);
        java.util.concurrent.atomic.AtomicInteger sends = new java.util.concurrent.atomic.AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/flaky", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            calls.add(new String[] {exchange.getRequestHeaders().getFirst("Parley-Signature"), new String(body, StandardCharsets.UTF_8),
                    Long.toString(System.nanoTime())});
            exchange.sendResponseHeaders(sends.incrementAndGet() <= 2 ? 503 : 204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            ObjectNode job = calling(receiver, "/flaky");
            submit(job).then().statusCode(202);
            String[][] three = new String[3][];
            for (int i = 0; i < 3; i++) {
                three[i] = calls.poll(60, TimeUnit.SECONDS);
                assertTrue(three[i] != null, "send " + (i + 1) + " came");
            }
            for (String[] call : three) assertEquals(expectedSignature(call[0], call[1]), call[0]);
            assertEquals(three[0][1], three[2][1], "the same note each time");
            // pauses of the test profile's first pause (0.2 s), then twice it
            long firstPause = Long.parseLong(three[1][2]) - Long.parseLong(three[0][2]);
            long secondPause = Long.parseLong(three[2][2]) - Long.parseLong(three[1][2]);
            assertTrue(firstPause >= TimeUnit.MILLISECONDS.toNanos(200), "first pause " + firstPause + " ns");
            assertTrue(secondPause >= TimeUnit.MILLISECONDS.toNanos(400), "second pause " + secondPause + " ns");
            Thread.sleep(1500);
            assertEquals(3, sends.get(), "taken on the third send: no fourth");
        } finally {
            receiver.stop(0);
        }
    }

    /**
     * A callback's sends live in the shared database, not in one replica's memory: while the receiver
     * holds the second send (the first failed), Quartz's clustered store has it as a fired trigger
     * asking for recovery (a replica dying now has it made again by another), and the job's earlier
     * send is gone from it. (A replica killed between sends, and another making the send: JobsClusterIT.)
     */
    @Test
    void aPendingCallbackIsStoredInTheDatabaseForAnyReplica() throws Exception {
        java.util.concurrent.CountDownLatch looked = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch secondSend = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger sends = new java.util.concurrent.atomic.AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        receiver.createContext("/slow", exchange -> {
            exchange.getRequestBody().readAllBytes();
            int send = sends.incrementAndGet();
            if (send == 2) {
                secondSend.countDown();
                try {
                    looked.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(send == 1 ? 503 : 204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            ObjectNode job = calling(receiver, "/slow");
            String location = submit(job).then().statusCode(202).extract().header("Location");
            String id = location.substring(location.lastIndexOf('/') + 1);
            assertTrue(secondSend.await(60, TimeUnit.SECONDS), "the second send came");
            try (java.sql.Connection c = data.getConnection();
                 java.sql.PreparedStatement s = c.prepareStatement("SELECT f.REQUESTS_RECOVERY FROM QRTZ_FIRED_TRIGGERS f "
                         + "WHERE f.JOB_NAME = ? AND f.JOB_GROUP = 'parley-job-callbacks'")) {
                s.setString(1, id + "/callback/2");
                try (java.sql.ResultSet r = s.executeQuery()) {
                    assertTrue(r.next(), "the send in flight is a fired trigger in the shared database");
                    assertTrue(r.getBoolean(1), "which asks for recovery");
                }
                s.setString(1, id + "/callback/1");
                try (java.sql.ResultSet r = s.executeQuery()) {
                    assertTrue(!r.next(), "the first send, made, is no longer there");
                }
            } finally {
                looked.countDown();
            }
            Thread.sleep(1000);
            assertEquals(2, sends.get(), "taken on the second send: no third");
        } finally {
            looked.countDown();
            receiver.stop(0);
        }
    }

    /** The receiver's check: HMAC-SHA256 of "<t>.<body>" with the shared secret (application.properties, test profile). */
    private static String expectedSignature(String header, String body) throws Exception {
        String t = header.substring(2, header.indexOf(','));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("test-callback-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theCallbackIsSignedWithTheConfiguredSecret() throws Exception {
        BlockingQueue<String[]> calls = new ArrayBlockingQueue<>(1);
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/done", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            calls.add(new String[] {exchange.getRequestHeaders().getFirst("Parley-Signature"), new String(body, StandardCharsets.UTF_8)});
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            ObjectNode job = job("sweepAnalysis", SweepApiTest.grid(), "text/csv", 2)
                    .put("callbackUrl", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/done");
            String location = submit(job).then().statusCode(202).extract().header("Location");
            String[] call = calls.poll(60, TimeUnit.SECONDS);
            assertTrue(call != null, "the callback came");
            JsonNode note = Fixtures.json(call[1]);
            assertEquals("succeeded", note.get("state").asText());
            assertEquals(java.net.URI.create(location).getPath(), note.get("job").asText());
            String t = call[0].substring(2, call[0].indexOf(','));
            // the receiver's check: HMAC-SHA256 of "<t>.<body>" with the shared secret (application.properties, test profile)
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec("test-callback-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = HexFormat.of().formatHex(mac.doFinal((t + "." + call[1]).getBytes(StandardCharsets.UTF_8)));
            assertEquals("t=" + t + ",v1=" + expected, call[0]);
        } finally {
            receiver.stop(0);
        }
    }
}
