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
            // the answer is kept in the one media type the job asked for: a client accepting only another is told which
            String other = accept.equals("text/csv") ? SweepApiTest.NDJSON : "text/csv";
            given().filter(Contract.CONFORMS).accept(other).get(location + "/result").then().statusCode(406)
                    .contentType("application/problem+json").body("errors[0].pointer", org.hamcrest.Matchers.equalTo("Accept"))
                    .body("detail", org.hamcrest.Matchers.containsString("answers " + accept + " only"));
            given().filter(Contract.CONFORMS).accept(other + ";q=0.9, " + accept + ";q=0.1").get(location + "/result")
                    .then().statusCode(200).contentType(accept);
        }
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
    void anotherTenantsJobIsNotFound() {
        String location = submit(job("sweepAnalysis", SweepApiTest.grid(), "text/csv", 1)).then().statusCode(202)
                .extract().header("Location");
        TenancyApiTest.otherTenant().get(location).then().statusCode(404).contentType("application/problem+json");
        TenancyApiTest.otherTenant().delete(location).then().statusCode(404);
        TenancyApiTest.otherTenant().get(location + "/result").then().statusCode(404);
        given().filter(Contract.CONFORMS).get(JOBS + "/job-no-such-job").then().statusCode(404);
    }

    @Test
    void anIdempotencyKeyFindsTheFirstJob() {
        ObjectNode job = job("sweepAnalysis", SweepApiTest.grid(), "text/csv", 2);
        String key = "jobs-test-" + System.nanoTime();
        String first = given().filter(Contract.CONFORMS).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(job.toString()).post(JOBS).then().statusCode(202).extract().header("Location");
        String again = given().filter(Contract.CONFORMS).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(job.toString()).post(JOBS).then().statusCode(202).extract().header("Location");
        assertEquals(first, again);
        job.put("shards", 3);
        given().filter(Contract.CONFORMS).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body(job.toString()).post(JOBS).then().statusCode(422)
                .body("type", org.hamcrest.Matchers.equalTo("urn:parley:problem:idempotency-key-reused"));
    }

    @Test
    void cancellingAJobStopsItsWorkWithinASecond() throws InterruptedException {
        // other work may run meanwhile (a shard of an earlier test's job, queued again by lost-shard
        // recovery when this service started): this job's work is the one that was not running before
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

        long cancelled = System.nanoTime();
        given().filter(Contract.CONFORMS).delete(location).then().statusCode(200)
                .body("state", org.hamcrest.Matchers.equalTo("cancelled"));
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
            ObjectNode job = job("sweepAnalysis", SweepApiTest.grid(), "text/csv", 1)
                    .put("callbackUrl", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/flaky");
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
