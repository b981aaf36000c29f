package io.parley.browser;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.restassured.http.ContentType;

import static io.parley.browser.Service.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.atIndex;
import static org.assertj.core.api.Assertions.within;

/**
 * Checks that a chart in the page holds the API's answer to the request the page made: the same
 * request is sent again over REST and the chart's series compared with the answer, number by number.
 */
final class ChartChecks {

    private ChartChecks() {
    }

    /** The frontier's line is the API's solved points, and its two dots the zone's ends (the zone exists). */
    static void frontierIsTheApis(JsonNode request, JsonNode summary) {
        // the proposal's own positions: 95 % of its NPV, its customer NPV
        assertThat(request.get("walkAway").asDouble()).isEqualTo(Math.round(summary.get("npv").asDouble() * 0.95));
        assertThat(request.get("demand").asDouble()).isEqualTo(Math.round(summary.get("customerNpv").asDouble()));
        JsonNode answer = post("/api/v1/optimize/frontier", request);
        JsonNode series = seriesData("frontier-chart");
        List<List<Double>> points = new ArrayList<>();
        answer.get("points").forEach(p -> points.add(List.of(p.get("customer").asDouble(), p.get("supplier").asDouble())));
        assertThat(pairs(series.get(0))).isEqualTo(points);
        JsonNode zone = answer.get("zone");
        assertThat(zone.get("exists").asBoolean()).isTrue();
        assertThat(pairs(series.get(1))).containsExactly(
                List.of(zone.get("bestForSupplier").get("customer").asDouble(), zone.get("bestForSupplier").get("supplier").asDouble()),
                List.of(zone.get("bestForCustomer").get("customer").asDouble(), zone.get("bestForCustomer").get("supplier").asDouble()));
    }

    /** The histogram's bars stand at the API's bin midpoints with its counts; its lines are the percentiles. */
    static void histogramIsTheApis(JsonNode request) {
        JsonNode metric = post("/api/v1/analyses/monte-carlo", request).get("metrics").get(0);
        JsonNode edges = metric.get("histogram").get("edges");
        JsonNode counts = metric.get("histogram").get("counts");
        List<List<Double>> bins = new ArrayList<>();
        for (int i = 0; i < counts.size(); i++) {
            bins.add(List.of((edges.get(i).asDouble() + edges.get(i + 1).asDouble()) / 2, counts.get(i).asDouble()));
        }
        assertThat(pairs(seriesData("monteCarlo-chart").get(0))).isEqualTo(bins);
        List<Double> percentiles = new ArrayList<>();
        metric.get("percentiles").forEach(p -> percentiles.add(p.get("value").asDouble()));
        JsonNode lines = Browser.json("return JSON.stringify(echarts.getInstanceByDom(document.getElementById('monteCarlo-chart'))"
                + ".getOption().series[0].markLine.data.map(d => d.xAxis));");
        assertThat(doubles(lines)).isEqualTo(percentiles);
    }

    /**
     * The spider's legs are the tornado's five widest swings, each moved −20 % to +20 % in 5-point
     * steps, and each line is the API's leg; a leg the API held at its bound is named so.
     */
    static void spiderIsTheApis(JsonNode request, JsonNode tornadoAnswer) {
        List<JsonNode> widest = new ArrayList<>();
        tornadoAnswer.get("metrics").get(0).get("bars").forEach(widest::add);
        widest.sort((a, b) -> Double.compare(b.get("swing").asDouble(), a.get("swing").asDouble()));
        assertThat(request.get("levers")).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertThat(request.get("levers").get(i).asText()).isEqualTo(widest.get(i).get("lever").asText());
        }
        JsonNode answer = post("/api/v1/analyses/spider", request);
        JsonNode series = seriesData("spider-chart");
        JsonNode names = Browser.json("return JSON.stringify(echarts.getInstanceByDom(document.getElementById('spider-chart'))"
                + ".getOption().series.map(s => s.name));");
        JsonNode changes = answer.get("changes");
        assertThat(doubles(changes)).hasSize(9).startsWith(-0.2).endsWith(0.2).contains(0.0, atIndex(4));
        for (int leg = 0; leg < 5; leg++) {
            JsonNode legAnswer = answer.get("metrics").get(0).get("legs").get(leg);
            JsonNode results = legAnswer.get("results");
            for (int i = 0; i < changes.size(); i++) {
                assertThat(series.get(leg).get(i).get(0).asDouble()).isEqualTo(changes.get(i).asDouble());
                assertThat(series.get(leg).get(i).get(1).asDouble()).isEqualTo(results.get(i).asDouble());
            }
            // every leg crosses the scenario's own NPV at no change (the README's figure)
            assertThat(series.get(leg).get(4).get(1).asDouble()).isCloseTo(5227268.077922516, within(1e-6));
            String lever = legAnswer.get("lever").asText();
            if (lever.equals("terms.renewalProbability")) {
                // 0.85 × 1.2 = 1.02 is past certainty: the last point is held at 1, and the line says so
                assertThat(legAnswer.get("values").get(8).asDouble()).isEqualTo(1.0);
                assertThat(legAnswer.get("clipped")).hasSize(1);
                assertThat(names.get(leg).asText()).isEqualTo("terms.renewalProbability (held at 1)");
            } else {
                assertThat(names.get(leg).asText()).isEqualTo(lever);
            }
        }
    }

    /**
     * The heatmap is the API's two-way table of the largest product's (srp-trays) discount, 4.5 %
     * to 8.5 % around its 6.5 %, against the payment-day menu, cell for cell; the answer is returned
     * for further checks.
     */
    static JsonNode heatmapIsTheApis(JsonNode request) {
        JsonNode answer = given().contentType(ContentType.JSON).body(request.toString())
                .post("/api/v1/analyses/sweep?layout=table").then().statusCode(200).extract().as(JsonNode.class);
        List<Double> discounts = doubles(answer.get("rowValues"));
        assertThat(discounts).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertThat(discounts.get(i)).isCloseTo(0.045 + 0.01 * i, within(1e-12));
        }
        assertThat(doubles(answer.get("columnValues"))).containsExactly(30.0, 45.0, 60.0, 90.0);
        JsonNode cells = answer.get("tables").get(0).get("cells");
        JsonNode series = seriesData("heatmap-chart").get(0);
        assertThat(series).hasSize(5 * 4);
        for (JsonNode point : series) {
            int column = point.get(0).asInt();
            int row = point.get(1).asInt();
            assertThat(point.get(2).asDouble()).isEqualTo(cells.get(row).get(column).asDouble());
        }
        // 6.5 % and 60 days are the example as it is; 45 days gain 82,939 (the README)
        assertThat(cells.get(2).get(2).asDouble()).isCloseTo(5227268.077922516, within(1e-6));
        assertThat(cells.get(2).get(1).asDouble() - cells.get(2).get(2).asDouble()).isCloseTo(82_939, within(0.5));
        return answer;
    }

    /** Each series' data of the ECharts chart in the element with this id. */
    static JsonNode seriesData(String chartId) {
        return Browser.json("return JSON.stringify(echarts.getInstanceByDom(document.getElementById(arguments[0]))"
                + ".getOption().series.map(s => s.data));", chartId);
    }

    static List<Double> doubles(Iterable<JsonNode> array) {
        List<Double> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asDouble()));
        return values;
    }

    static List<List<Double>> pairs(JsonNode array) {
        List<List<Double>> values = new ArrayList<>();
        array.forEach(v -> values.add(List.of(v.get(0).asDouble(), v.get(1).asDouble())));
        return values;
    }
}
