package io.parley.packaged;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged service as the k8s manifest runs it on a small heap ({@code -Xmx256m}, with
 * {@code -XX:+ExitOnOutOfMemoryError} as the manifest sets it) under concurrent requests of every heavy
 * kind at their documented maxima: Monte Carlo summaries, Sobol, Morris, sweeps answered whole (rows and
 * table), the optimiser and the frontier (two 1000-option menus), and the two streams. Every answer is
 * a 200, a 422 problem (too big for this heap), or a 503 problem with Retry-After (busy; retried as it
 * says until the test's time is up); none is a 500 or the out-of-memory 503, and the process is alive
 * at the end with no OutOfMemoryError in its output (one would have ended it).
 */
class SmallHeapIT {

    /** The service's JVM options: the small heap, and what the manifest does when it runs out anyway. */
    static final List<String> SMALL_HEAP = List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError");
    /** How long requests are fired and retried: the whole test stays within the 90 s. */
    static final long FIRING_SECONDS = 60;
    /** A streamed answer is read this far, then dropped (its work stops: AbandonedWorkApiTest). */
    static final int STREAM_BYTES = 64 * 1024;

    static final List<String> METRICS = List.of("listRevenue", "discount", "netRevenue", "rebate", "cogs", "grossMargin",
            "costToServe", "financingCost", "contribution", "cashFlow", "grossMarginPct", "contributionMarginPct",
            "minYearContributionMarginPct", "npv", "npvBaseline", "concessionCost", "customerSavings", "customerNpv",
            "valueLeverage", "paybackPeriod", "revenueCagr");
    static final List<String> PRODUCTS = List.of("srp-trays", "transit-cases", "ecom-mailers", "stretch-film", "pos-displays");

    record Kind(String name, String path, String accept, String body) {
    }

    record Answer(String kind, int status, String contentType, String retryAfter, String body) {
    }

    @Test
    void everyHeavyKindAtItsMaximumIsAnsweredOrRefusedAsAProblemOnASmallHeap() throws Exception {
        Path folder = Path.of("target", "it-small-heap").toAbsolutePath();
        try (PackagedService service = PackagedService.start(folder, SMALL_HEAP, Map.of())) {
            String key = Files.readString(folder.resolve("data").resolve("admin.key"), StandardCharsets.UTF_8).trim();
            fireEveryKind(service, key);
        }
    }

    private static void fireEveryKind(PackagedService service, String key) throws Exception {
        List<Kind> kinds = kinds();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(FIRING_SECONDS);
        Map<String, List<Answer>> answers = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(kinds.size());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Kind kind : kinds) {
                running.add(pool.submit(() -> {
                    fire(client, service, key, kind, until, answers.computeIfAbsent(kind.name(), k -> new ArrayList<>()));
                    return null;
                }));
            }
            for (Future<?> f : running) f.get(FIRING_SECONDS + 25, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        Map<String, List<Integer>> statuses = new TreeMap<>();
        answers.forEach((kind, list) -> statuses.put(kind, list.stream().map(Answer::status).toList()));
        // printed for the record: which kinds ran and which were refused on this heap
        System.out.println("packaged service on " + SMALL_HEAP + ", answers by kind: " + statuses);
        List<Answer> all = answers.values().stream().flatMap(List::stream).toList();
        assertThat(all).as("answers by kind: %s", statuses).isNotEmpty();
        for (Answer a : all) {
            String what = a.kind() + " answered " + a.status() + ": " + a.body();
            assertThat(a.status()).as(what).isIn(200, 422, 503);
            if (a.status() != 200) {
                assertThat(a.contentType()).as(what).startsWith("application/problem+json");
                JsonNode problem = Fixtures.json(a.body());
                assertThat(problem.path("type").asText()).as(what).startsWith("urn:parley:problem:");
                assertThat(problem.path("detail").asText()).as(what).doesNotContain("ran out of memory");
            }
            if (a.status() == 503) assertThat(a.retryAfter()).as(what).matches("[1-9][0-9]*");
        }
        // the heavy kinds the small heap cannot hold are refused by their estimate, before they allocate
        for (String tooBig : List.of("monte-carlo 2M x 21 levers", "sobol at its ceiling", "morris at its ceiling")) {
            assertThat(answers.get(tooBig)).as(tooBig + " " + statuses).extracting(Answer::status).contains(422);
        }
        // and the service is still alive and answers
        assertThat(service.isAlive()).as("the service's JVM exits on OutOfMemoryError").isTrue();
        assertThat(service.output()).doesNotContain("OutOfMemoryError");
        Answer after = send(client, service, key, new Kind("evaluate", "/api/v1/evaluate", "application/json",
                Fixtures.exampleText("packaging-retailer-renewal.json")));
        assertThat(after.status()).as(after.body()).isEqualTo(200);
    }

    /** Sends the request until it is not busy (waiting its Retry-After) or the time is up; keeps every answer. */
    private static void fire(HttpClient client, PackagedService service, String key, Kind kind, long until,
                             List<Answer> answers) throws Exception {
        while (System.nanoTime() < until) {
            Answer a = send(client, service, key, kind);
            if (a == null) return; // still running when the time was up: dropped, its work stops
            answers.add(a);
            if (a.status() != 503) return;
            Thread.sleep(TimeUnit.SECONDS.toMillis(Long.parseLong(a.retryAfter() == null ? "1" : a.retryAfter())));
        }
    }

    private static Answer send(HttpClient client, PackagedService service, String key, Kind kind)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(service.uri(kind.path()))
                .timeout(Duration.ofSeconds(FIRING_SECONDS))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").header("Accept", kind.accept())
                .POST(HttpRequest.BodyPublishers.ofString(kind.body())).build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String body;
            try (InputStream in = response.body()) {
                // an answer's body is read and dropped, only problems kept
                body = response.statusCode() == 200 ? "(" + drain(in, !kind.accept().equals("application/json")) + " bytes)"
                        : new String(in.readAllBytes());
            }
            return new Answer(kind.name(), response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Retry-After").orElse(null), body.length() > 2000 ? body.substring(0, 2000) : body);
        } catch (HttpTimeoutException e) {
            return null;
        }
    }

    /** Reads and drops the body (a stream only its first {@link #STREAM_BYTES}); returns how many bytes. */
    private static long drain(InputStream in, boolean stream) throws IOException {
        byte[] buffer = new byte[8192];
        long read = 0;
        for (int n; (n = in.read(buffer)) >= 0 && !(stream && read >= STREAM_BYTES); ) read += n;
        return read;
    }

    // ------------------------------------------------------------------ the requests, at their maxima

    static List<Kind> kinds() {
        String mc = "/api/v1/analyses/monte-carlo";
        String json = "application/json";
        return List.of(
                new Kind("monte-carlo 2M x 21 levers", mc, json, uncertain(allLevers(), METRICS)
                        .put("samples", 2_000_000).put("sampling", "latinHypercube").toString()),
                new Kind("monte-carlo 2M x 1 lever", mc, json, uncertain(allLevers().subList(0, 1), List.of("npv"))
                        .put("samples", 2_000_000).put("sampling", "random").toString()),
                new Kind("monte-carlo 200k", mc, json, uncertain(allLevers().subList(0, 1), List.of("npv"))
                        .put("samples", 200_000).put("sampling", "random").toString()),
                new Kind("monte-carlo stream", mc, "application/x-ndjson", uncertain(allLevers(), METRICS)
                        .put("samples", 100_000_000).put("sampling", "random").toString()),
                new Kind("sobol at its ceiling", "/api/v1/analyses/sobol", json, uncertain(allLevers(), METRICS)
                        .put("n", 5_000_000 / (allLevers().size() + 2)).toString()),
                new Kind("sobol 8192", "/api/v1/analyses/sobol", json, uncertain(allLevers(), METRICS)
                        .put("n", 8192).toString()),
                new Kind("morris at its ceiling", "/api/v1/analyses/morris", json, uncertain(allLevers(), METRICS)
                        .put("trajectories", 10_000).toString()),
                new Kind("sweep rows 100k", "/api/v1/analyses/sweep", json, sweep(316).toString()),
                new Kind("sweep table 100k", "/api/v1/analyses/sweep?layout=table", json, sweep(316).toString()),
                new Kind("sweep stream", "/api/v1/analyses/sweep", "text/csv", sweep(10_000).toString()),
                new Kind("optimise 2 x 1000 options", "/api/v1/optimize", json, optimisation().toString()),
                new Kind("frontier 2 x 1000 options", "/api/v1/optimize/frontier", json,
                        optimisation().put("points", 101).toString()));
    }

    private static ObjectNode withScenario() {
        ObjectNode request = Fixtures.MAPPER.createObjectNode();
        request.set("scenario", Fixtures.json(Fixtures.exampleText("packaging-retailer-renewal.json")));
        return request;
    }

    /** Every product's volume, price and cost ±10 %, every discount 0–20 %, payment days 30–90: 21 levers. */
    private static List<ObjectNode> allLevers() {
        JsonNode scenario = Fixtures.json(Fixtures.exampleText("packaging-retailer-renewal.json"));
        List<ObjectNode> levers = new ArrayList<>();
        for (JsonNode product : scenario.get("products")) {
            for (String field : List.of("baseVolume", "listPrice", "unitCost")) {
                double base = product.get(field).asDouble();
                levers.add(lever("products[" + product.get("id").asText() + "]." + field, 0.9 * base, 1.1 * base));
            }
        }
        for (String id : PRODUCTS) levers.add(lever("terms.discounts[" + id + "]", 0, 0.2));
        levers.add(lever("terms.paymentDays", 30, 90));
        return levers;
    }

    private static ObjectNode lever(String path, double min, double max) {
        ObjectNode lever = Fixtures.MAPPER.createObjectNode().put("path", path);
        lever.putObject("distribution").put("type", "uniform").put("min", min).put("max", max);
        return lever;
    }

    private static ObjectNode uncertain(List<ObjectNode> levers, List<String> metrics) {
        ObjectNode request = withScenario();
        request.putArray("levers").addAll(levers);
        ArrayNode m = request.putArray("metrics");
        metrics.forEach(m::add);
        return request;
    }

    /** Two levers of {@code steps} values each, every metric. */
    private static ObjectNode sweep(int steps) {
        ObjectNode request = withScenario();
        ArrayNode levers = request.putArray("levers");
        levers.addObject().put("path", "terms.paymentDays").put("from", 0).put("to", 120).put("steps", steps - 1);
        levers.addObject().put("path", "terms.discounts[srp-trays]").put("from", 0).put("to", 0.2).put("steps", steps - 1);
        ArrayNode m = request.putArray("metrics");
        METRICS.forEach(m::add);
        return request;
    }

    /** Two menus of 1000 discounts each (the ceiling per menu), 5 s to answer. */
    private static ObjectNode optimisation() {
        ObjectNode request = withScenario();
        ArrayNode decisions = request.putArray("decisions");
        for (String id : List.of("srp-trays", "transit-cases")) {
            ArrayNode values = decisions.addObject().put("path", "terms.discounts[" + id + "]").putArray("values");
            for (int o = 0; o < 1000; o++) values.add(o / 5000.0);
        }
        request.put("timeLimitSeconds", 5);
        return request;
    }
}
