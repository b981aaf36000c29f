package io.parley.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.Fixtures;
import io.parley.engine.Work;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client that goes away stops its work: a streamed sweep, a raw Monte Carlo stream and a buffered
 * Monte Carlo run, each dropped mid-way by closing the socket, stop evaluating, leave no thread in the
 * analysis and give their heavy-work slot back within a second. The runs asked for would take minutes.
 * Work still running when the service shuts down is stopped the same way and answered 503.
 */
@QuarkusTest
class AbandonedWorkApiTest {

    /** How long after the socket closes the work must have stopped: the "within a second". */
    static final long STOPPED_WITHIN_MILLIS = 1000;

    @Inject
    HeavyWork heavy;

    /** 10 000 × 10 000 = 10⁸ points of the packaging deal: minutes of work at a few µs each. */
    static String hugeSweep() {
        ObjectNode request = Fixtures.MAPPER.createObjectNode();
        request.set("scenario", Fixtures.json(Fixtures.exampleText("packaging-retailer-renewal.json")));
        ArrayNode levers = request.putArray("levers");
        levers.addObject().put("path", "terms.paymentDays").put("from", 0).put("to", 120).put("steps", 9999);
        levers.addObject().put("path", "terms.discounts[srp-trays]").put("from", 0).put("to", 0.2).put("steps", 9999);
        return request.toString();
    }

    /** A Monte Carlo run of the packaging deal with one uncertain lever and {@code samples} random samples. */
    static String monteCarlo(long samples) {
        ObjectNode request = Fixtures.MAPPER.createObjectNode();
        request.set("scenario", Fixtures.json(Fixtures.exampleText("packaging-retailer-renewal.json")));
        request.put("samples", samples).put("sampling", "random");
        ObjectNode lever = request.putArray("levers").addObject();
        lever.put("path", "terms.paymentDays");
        lever.putObject("distribution").put("type", "uniform").put("min", 30).put("max", 90);
        return request.toString();
    }

    @Test
    void aStreamedSweepStopsWhenItsClientGoesAway() throws Exception {
        dropMidStream("/api/v1/analyses/sweep", hugeSweep(), "text/csv", "io.parley.analysis.Sweep");
    }

    @Test
    void aRawMonteCarloStreamStopsWhenItsClientGoesAway() throws Exception {
        dropMidStream("/api/v1/analyses/monte-carlo", monteCarlo(100_000_000), "application/x-ndjson",
                "io.parley.analysis.MonteCarlo");
    }

    @Test
    void aBufferedMonteCarloStopsWhenItsClientGoesAway() throws Exception {
        int free = heavy.available();
        try (Socket socket = post("/api/v1/analyses/monte-carlo", monteCarlo(2_000_000), "application/json")) {
            Work work = awaitOneRunning();
            awaitEvaluations(work, 10_000);
            assertEquals(free - 1, heavy.available(), "the run holds a slot");
        }
        assertStopped(free, "io.parley.analysis.MonteCarlo");
    }

    @Test
    void workStillRunningAtShutdownIsStoppedAndAnswered503() throws Exception {
        int free = heavy.available();
        CompletableFuture<io.restassured.response.Response> answer = CompletableFuture.supplyAsync(() ->
                given().filter(Contract.CONFORMS).contentType(ContentType.JSON).accept(ContentType.JSON)
                        .body(monteCarlo(2_000_000)).when().post("/api/v1/analyses/monte-carlo"));
        Work work = null;
        for (int i = 0; i < 1500 && work == null; i++) {
            if (answer.isDone()) {
                throw new AssertionError("answered before its work was seen running: " + answer.get().asString());
            }
            Set<Work> running = heavy.running();
            if (running.size() == 1) work = running.iterator().next();
            else Thread.sleep(20);
        }
        assertTrue(work != null, "the run was admitted");
        heavy.stopAll(Work.Reason.SHUTTING_DOWN);
        io.restassured.response.Response response = answer.get(30, TimeUnit.SECONDS);
        assertEquals(503, response.statusCode());
        assertEquals("urn:parley:problem:unavailable", response.jsonPath().getString("type"));
        assertTrue(response.jsonPath().getString("detail").contains("shutting down"), response.asString());
        assertEquals("5", response.header("Retry-After"));
        assertStopped(free, "io.parley.analysis.MonteCarlo");
    }

    /** Posts, reads the head and some rows of the streamed answer, then closes the socket mid-stream. */
    private void dropMidStream(String path, String body, String accept, String analysis) throws Exception {
        int free = heavy.available();
        try (Socket socket = post(path, body, accept)) {
            InputStream in = socket.getInputStream();
            String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 200", head);
            in.readNBytes(256 * 1024); // rows are arriving
            Work work = awaitOneRunning();
            assertEquals(free - 1, heavy.available(), "a stream holds a slot like buffered work");
            assertTrue(work.evaluations() > 1000, "the stream has been computing");
        }
        assertStopped(free, analysis);
    }

    /** Within the bound: the slot is back, no admitted work is left, no thread is inside the analysis. */
    private void assertStopped(int free, String analysis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOPPED_WITHIN_MILLIS);
        while (System.nanoTime() < deadline && (heavy.available() < free || threadsIn(analysis) > 0)) {
            Thread.sleep(20);
        }
        assertEquals(free, heavy.available(), "the slot is free again");
        assertTrue(heavy.running().isEmpty(), "no admitted work is left");
        assertEquals(0, threadsIn(analysis), "no thread is still inside " + analysis);
    }

    private static Work awaitOneRunning(HeavyWork heavy) throws InterruptedException {
        for (int i = 0; i < 1500; i++) {
            Set<Work> running = heavy.running();
            if (running.size() == 1) return running.iterator().next();
            Thread.sleep(20);
        }
        throw new AssertionError("no admitted work appeared");
    }

    private Work awaitOneRunning() throws InterruptedException {
        return awaitOneRunning(heavy);
    }

    private static void awaitEvaluations(Work work, long atLeast) throws InterruptedException {
        for (int i = 0; i < 1000 && work.evaluations() < atLeast; i++) Thread.sleep(20);
        assertFalse(work.evaluations() < atLeast, "the run has been computing");
    }

    /** Threads whose stack is inside the given analysis class now. */
    private static long threadsIn(String analysis) {
        return Thread.getAllStackTraces().values().stream()
                .filter(stack -> Arrays.stream(stack).anyMatch(f -> f.getClassName().startsWith(analysis)))
                .count();
    }

    /** An HTTP/1.1 POST written by hand, so that the test owns the socket and can drop it. */
    private static Socket post(String path, String body, String accept) throws IOException {
        Socket socket = new Socket("localhost", RestAssured.port);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nAccept: "
                + accept + "\r\nContent-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
        return socket;
    }
}
