package io.parley.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.parley.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

/**
 * Every answer that is a table comes as CSV too (Accept: text/csv): goal-seek crossings, Sobol indices,
 * Morris effects and the frontier. Each CSV, checked against openapi.yaml, holds the same figures as the
 * JSON answer to the same request (whose figures the other API tests check against closed forms), to
 * the last digit, and carries the same provenance headers. The requests are the contract's examples.
 */
@QuarkusTest
class TablesAsCsvApiTest {

    private static final JsonNode SPEC;

    static {
        try {
            SPEC = new YAMLMapper().readTree(Files.readString(Path.of("openapi.yaml")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String example(String path, String name) {
        return SPEC.get("paths").get(path).get("post").get("requestBody").get("content").get("application/json")
                .get("examples").get(name).get("value").toString();
    }

    private static Response post(String path, String body, String accept) {
        Response r = given().filter(Contract.CONFORMS).contentType("application/json").accept(accept).body(body)
                .when().post(path);
        r.then().statusCode(200).contentType(startsWith(accept));
        return r;
    }

    /** An operation's contract example answered as JSON and then as CSV: the JSON, and the CSV's rows. */
    private record Answers(JsonNode json, List<String[]> rows) {
    }

    private static Answers both(String path, String example) {
        String body = example(path, example);
        Response json = post(path, body, "application/json");
        return new Answers(Fixtures.json(json.asString()), rows(post(path, body, "text/csv"), json));
    }

    /** The CSV's rows, header first, each split into cells (no cell of these tables holds a comma). */
    private static List<String[]> rows(Response csv, Response json) {
        assertThat(csv.getHeader("Parley-Request-Hash")).isEqualTo(json.getHeader("Parley-Request-Hash"));
        assertThat(csv.asString()).endsWith("\r\n");
        List<String[]> rows = new ArrayList<>();
        for (String line : csv.asString().split("\r\n")) rows.add(line.split(",", -1));
        return rows;
    }

    /** A CSV cell as the JSON's number (an empty cell for a null). */
    private static void same(String cell, JsonNode value, String what) {
        if (value == null || value.isNull()) {
            assertThat(cell).as(what).isEmpty();
        } else {
            assertThat(Double.parseDouble(cell)).as(what).isEqualTo(value.asDouble());
        }
    }

    @Test
    void goalSeekCrossingsAreARowEach() {
        Answers answers = both("/api/v1/analyses/goal-seek", "rebateStep");
        JsonNode json = answers.json();
        List<String[]> rows = answers.rows();
        assertThat(rows.get(0)).containsExactly("lever", "metric", "target", "status", "value", "result", "below", "above", "end");
        JsonNode crossings = json.get("crossings");
        assertThat(crossings.size()).isGreaterThanOrEqualTo(2); // a step: several crossings, one of them a jump
        assertThat(rows).hasSize(crossings.size() + 1);
        for (int i = 0; i < crossings.size(); i++) {
            String[] row = rows.get(i + 1);
            JsonNode c = crossings.get(i);
            assertThat(row[0]).isEqualTo(json.get("lever").asText());
            assertThat(row[3]).isEqualTo(c.get("status").asText());
            same(row[4], c.get("value"), "value");
            same(row[5], c.get("result"), "result");
            same(row[6], c.get("below"), "below");
            same(row[7], c.get("above"), "above");
            same(row[8], c.get("end"), "end");
        }
    }

    @Test
    void sobolIndicesAreARowPerMetricAndLever() {
        Answers answers = both("/api/v1/analyses/sobol", "packagingRenewal");
        eachEntry(answers.json(), "indices", answers.rows(), (row, ix) -> {
            assertThat(row[1]).isEqualTo(ix.get("lever").asText());
            sameFields(row, 4, ix, "first", "firstLow", "firstHigh", "total", "totalLow", "totalHigh");
        });
    }

    /** Each metric's entries under {@code field} against the rows after the header, in order, and no row more. */
    private static void eachEntry(JsonNode json, String field, List<String[]> rows, BiConsumer<String[], JsonNode> check) {
        int r = 1;
        for (JsonNode metric : json.get("metrics")) {
            for (JsonNode entry : metric.get(field)) {
                String[] row = rows.get(r++);
                assertThat(row[0]).isEqualTo(metric.get("metric").asText());
                check.accept(row, entry);
            }
        }
        assertThat(rows).hasSize(r);
    }

    private static void sameFields(String[] row, int from, JsonNode entry, String... fields) {
        for (int f = 0; f < fields.length; f++) same(row[from + f], entry.get(fields[f]), fields[f]);
    }

    @Test
    void morrisEffectsOfGroupsAreARowEachWithTheirRawEffects() {
        Answers answers = both("/api/v1/analyses/morris", "grouped");
        JsonNode json = answers.json();
        List<String[]> rows = answers.rows();
        int trajectories = json.get("trajectories").asInt();
        assertThat(rows.get(0)).hasSize(8 + trajectories);
        assertThat(rows.get(0)[8 + trajectories - 1]).isEqualTo("effect" + trajectories);
        eachEntry(json, "effects", rows, (row, e) -> {
            assertThat(row[1]).isEmpty();
            assertThat(row[2]).isEqualTo(e.get("group").asText());
            List<String> levers = new ArrayList<>();
            e.get("levers").forEach(l -> levers.add(l.asText()));
            assertThat(row[3]).isEqualTo(String.join("; ", levers));
            sameFields(row, 4, e, "mu", "muStar", "muStarConf", "sigma");
            for (int t = 0; t < trajectories; t++) same(row[8 + t], e.get("elementaryEffects").get(t), "effect " + t);
        });
    }

    @Test
    void theFrontierIsARowPerPointWithEveryDecision() {
        Answers answers = both("/api/v1/optimize/frontier", "zone");
        JsonNode json = answers.json();
        List<String[]> rows = answers.rows();
        String[] header = rows.get(0);
        assertThat(header[2]).isEqualTo(json.get("supplier").asText());
        assertThat(header[3]).isEqualTo(json.get("customer").asText());
        JsonNode points = json.get("points");
        assertThat(rows).hasSize(points.size() + 1);
        for (int i = 0; i < points.size(); i++) {
            String[] row = rows.get(i + 1);
            JsonNode p = points.get(i);
            same(row[0], p.get("level"), "level");
            assertThat(row[1]).isEqualTo(p.get("status").asText());
            same(row[2], p.get("supplier"), "supplier");
            same(row[3], p.get("customer"), "customer");
            for (JsonNode d : p.get("decisions")) {
                int column = List.of(header).indexOf(d.get("name").asText());
                assertThat(column).as(d.get("name").asText()).isGreaterThan(3);
                if (d.has("included")) {
                    assertThat(row[column]).isEqualTo(d.get("included").asBoolean() ? "1" : "0");
                } else {
                    same(row[column], d.get("value"), d.get("name").asText());
                }
            }
        }
    }
}
