package io.parley.browser;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import static io.parley.browser.Service.post;
import static org.assertj.core.api.Assertions.assertThat;

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
