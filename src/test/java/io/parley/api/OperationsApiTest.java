package io.parley.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.parley.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator watches: /q/metrics in the Prometheus format counts the work this test does, to
 * the unit; every analysis runs in a span of its own; every request carries an id; and the Grafana
 * dashboard in k8s/ only draws series the service publishes.
 */
@QuarkusTest
class OperationsApiTest {

    static final Path DASHBOARD = Path.of("k8s/base/grafana/parley-dashboard.json");
    /** One sample line of the Prometheus text format: name, optional labels, value. */
    static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? (\\S+)$");

    @Inject
    HeavyWork heavy;

    @Inject
    InMemorySpanExporter spans;

    /** Every sample of a scrape, keyed by name and labels as written. */
    static Map<String, Double> scrape() {
        String text = given().accept("text/plain").when().get("/q/metrics")
                .then().statusCode(200).contentType(ContentType.TEXT).extract().asString();
        Map<String, Double> samples = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (!line.startsWith("#") && m.matches()) {
                samples.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
            }
        }
        return samples;
    }

    /** The sum over the series of {@code name} whose labels include every one given ({@code key="value"}). */
    static double sum(Map<String, Double> samples, String name, String... labels) {
        double total = 0;
        for (Map.Entry<String, Double> e : samples.entrySet()) {
            String key = e.getKey();
            boolean same = key.equals(name) || key.startsWith(name + "{");
            for (String label : labels) same &= key.contains(label);
            if (same) total += e.getValue();
        }
        return total;
    }

    static double change(Map<String, Double> before, Map<String, Double> after, String name, String... labels) {
        return sum(after, name, labels) - sum(before, name, labels);
    }

    @Test
    void theMetricsCountEvaluationsAdmissionsRefusalsSolvesAndRequests() {
        Map<String, Double> before = scrape();

        Api.post("/api/v1/analyses/sweep", "application/json", SweepApiTest.grid()).then().statusCode(200);
        given().contentType(ContentType.JSON).accept(ContentType.JSON).body(BusyApiTest.morris())
                .when().post("/api/v1/analyses/morris").then().statusCode(200);
        int taken = heavy.drain();
        try {
            given().contentType(ContentType.JSON).accept(ContentType.JSON).body(BusyApiTest.morris())
                    .when().post("/api/v1/analyses/morris").then().statusCode(503);
        } finally {
            heavy.release(taken);
        }
        JsonNode solution = OptimizeApiTest.optimize(OptimizeApiTest.readmeRequest());
        assertThat(solution.get("status").asText()).isEqualTo("optimal");

        Map<String, Double> after = scrape();
        // the 5 × 7 grid; Morris' default 20 trajectories over 1 lever, 20 × (1 + 1); the refused run computes nothing
        assertThat(change(before, after, "parley_evaluations_total", "analysis=\"sweep\"")).isEqualTo(35);
        assertThat(change(before, after, "parley_evaluations_total", "analysis=\"morris\"")).isEqualTo(40);
        // per operation: the sweep's 35 evaluations of single-year-spot.json (3 products × 1 year of 1 period)
        assertThat(change(before, after, "parley_operation_evaluations_total", "operation=\"/api/v1/analyses/sweep\"")).isEqualTo(35);
        assertThat(change(before, after, "parley_operation_product_periods_total", "operation=\"/api/v1/analyses/sweep\"")).isEqualTo(35 * 3);
        assertThat(change(before, after, "parley_operation_evaluations_total", "operation=\"/api/v1/optimize\"")).isPositive();
        // sweep, Morris and the solve were let in; the second Morris found every slot taken
        assertThat(change(before, after, "parley_heavy_work_total", "result=\"success\"")).isEqualTo(3);
        assertThat(change(before, after, "parley_heavy_work_total", "result=\"failure\"")).isEqualTo(1);
        assertThat(change(before, after, "parley_solves_seconds_count", "status=\"optimal\"")).isEqualTo(1);
        assertThat(change(before, after, "parley_solves_seconds_count", "status=\"infeasible\"")).isZero();
        // requests per operation: the URI template, method and status
        assertThat(change(before, after, "http_server_requests_seconds_count",
                "uri=\"/api/v1/analyses/sweep\"", "method=\"POST\"", "status=\"200\"")).isEqualTo(1);
        assertThat(change(before, after, "http_server_requests_seconds_count",
                "uri=\"/api/v1/analyses/morris\"", "status=\"503\"")).isEqualTo(1);
        assertThat(change(before, after, "http_server_requests_seconds_bucket",
                "uri=\"/api/v1/analyses/morris\"", "status=\"200\"", "le=\"+Inf\"")).isEqualTo(1);
        // the connection pool of the plan store
        assertThat(after.keySet()).anyMatch(k -> k.startsWith("agroal_max_used_count{") && k.contains("datasource=\"default\""));
    }

    @Test
    void eachAnalysisRunsInASpanOfItsOwnInsideTheRequestsSpan() throws InterruptedException {
        spans.reset();
        Api.post("/api/v1/analyses/sweep", "application/json", SweepApiTest.grid()).then().statusCode(200);
        SpanData sweep = awaitSpan("parley.sweep");
        assertThat(sweep.getAttributes().get(AttributeKey.longKey("parley.evaluations"))).isEqualTo(35L);
        // the request's span ends after its response is written, which may be after the client has read it
        SpanData request = awaitSpan("the sweep's parent", s -> s.getSpanId().equals(sweep.getParentSpanId()));
        assertThat(request.getName()).isEqualTo("POST /api/v1/analyses/sweep");

        OptimizeApiTest.optimize(OptimizeApiTest.readmeRequest());
        assertThat(awaitSpan("parley.optimize").getAttributes().get(AttributeKey.stringKey("parley.solver.status")))
                .isEqualTo("optimal");
    }

    private SpanData awaitSpan(String name) throws InterruptedException {
        return awaitSpan(name, s -> s.getName().equals(name));
    }

    private SpanData awaitSpan(String what, Predicate<SpanData> wanted) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            for (SpanData s : spans.getFinishedSpanItems()) {
                if (wanted.test(s)) return s;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no span " + what + " among " + spans.getFinishedSpanItems().stream().map(SpanData::getName).toList());
    }

    @Test
    void everyAnswerCarriesTheRequestsIdTheCallersWhenItIsAPlainToken() {
        given().header("X-Request-Id", "gw-7f3a.2").when().get("/q/health/live")
                .then().statusCode(200).header("X-Request-Id", "gw-7f3a.2");
        String replaced = given().header("X-Request-Id", "two words\"").when().get("/q/health/live")
                .then().statusCode(200).extract().header("X-Request-Id");
        assertThat(replaced).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        String fresh = given().when().get("/api/v1/metrics").then().statusCode(200).extract().header("X-Request-Id");
        assertThat(fresh).isNotEqualTo(replaced).hasSize(36);
    }

    @Test
    void theDashboardDrawsOnlySeriesTheServicePublishes() throws IOException {
        Api.post("/api/v1/analyses/sweep", "application/json", SweepApiTest.grid()).then().statusCode(200);
        OptimizeApiTest.optimize(OptimizeApiTest.readmeRequest());
        Set<String> published = new TreeSet<>();
        scrape().keySet().forEach(k -> published.add(k.replaceAll("\\{.*", "")));

        JsonNode dashboard = Fixtures.json(Files.readString(DASHBOARD));
        Set<String> drawn = new TreeSet<>();
        Pattern series = Pattern.compile("\\b((?:parley|http_server|agroal|jvm|process)_[a-z_]+)");
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher m = series.matcher(target.get("expr").asText());
                while (m.find()) drawn.add(m.group(1));
            }
        }
        assertThat(drawn).contains("parley_evaluations_total", "parley_heavy_work_total", "parley_solves_seconds_count",
                "http_server_requests_seconds_bucket", "agroal_active_count");
        assertThat(published).containsAll(drawn);
    }
}
