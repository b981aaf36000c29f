package io.parley.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/**
 * {@code POST /api/v1/analyses/sweep}: the same grid, in the same order, whatever the format, the
 * layout or the sharding; every call checked against openapi.yaml.
 */
@QuarkusTest
class SweepApiTest {

    static final String FILE = "single-year-spot.json";
    static final String SWEEP = "/api/v1/analyses/sweep";
    static final String NDJSON = "application/x-ndjson";
    static final double[] DISCOUNTS = {0.02, 0.03, 0.04, 0.05, 0.06};
    static final double[] DAYS = {0, 15, 30, 45, 60, 75, 90};

    /**
     * A 5 × 7 grid: the homopolymer discount from 2 % to 6 % in 4 steps, by 7 payment terms. The
     * spot deal lasts one year, so revenueCagr is null at every point: nulls travel through every
     * format.
     */
    static ObjectNode grid() {
        ObjectNode request = Fixtures.MAPPER.createObjectNode();
        request.set("scenario", Fixtures.json(Fixtures.exampleText(FILE)));
        request.putArray("metrics").add("npv").add("revenueCagr").add("financingCost");
        ArrayNode levers = request.putArray("levers");
        levers.addObject().put("path", "terms.discounts[pp-homopolymer]").put("from", 0.02).put("to", 0.06).put("steps", 4);
        ArrayNode days = levers.addObject().put("path", "terms.paymentDays").putArray("values");
        for (double d : DAYS) days.add((int) d);
        return request;
    }

    /** A sweep of the telecom deal's two rebate thresholds (base 1 800 000 and 2 150 000) over the given values. */
    static ObjectNode thresholds(double[] first, double[] second) {
        ObjectNode request = Fixtures.MAPPER.createObjectNode();
        request.set("scenario", Fixtures.json(Fixtures.exampleText("telecom-enterprise-monthly.json")));
        request.putArray("metrics").add("npv");
        ArrayNode levers = request.putArray("levers");
        ArrayNode a = levers.addObject().put("path", "terms.rebate.tiers[0].threshold").putArray("values");
        for (double v : first) a.add(v);
        ArrayNode b = levers.addObject().put("path", "terms.rebate.tiers[1].threshold").putArray("values");
        for (double v : second) b.add(v);
        return request;
    }

    @Test
    void thresholdsOfOneScheduleSweptTogetherMustAscendAtEveryPoint() {
        // each value alone is fine against the other tier's base value, but 2 000 000 with 1 900 000 would not ascend
        given().filter(Contract.RESPONSE_CONFORMS).contentType(ContentType.JSON).accept(ContentType.JSON)
                .body(thresholds(new double[] {1_500_000, 2_000_000}, new double[] {2_500_000, 1_900_000}).toString())
                .when().post(SWEEP)
                .then().statusCode(422)
                .body("errors[0].pointer", equalTo("/levers/1/values/1"))
                .body("errors[0].message", containsString("terms.rebate.tiers[1].threshold goes down to 1900000"))
                .body("errors[0].message", containsString("terms.rebate.tiers[0].threshold goes up to 2000000"));
        // ranges that do not overlap: every point ascends, all four are swept
        assertThat(json("", thresholds(new double[] {1_500_000, 1_700_000}, new double[] {1_900_000, 2_500_000}))
                .get("rows")).hasSize(4);
    }

    static Response post(String query, String accept, ObjectNode body) {
        return given().filter(Contract.CONFORMS)
                .contentType(ContentType.JSON).accept(accept).body(body.toString())
                .when().post(SWEEP + query);
    }

    static JsonNode json(String query, ObjectNode body) {
        Response r = post(query, "application/json", body);
        r.then().statusCode(200).contentType(ContentType.JSON);
        return Fixtures.json(r.asString());
    }

    /** Rows as lists of JSON values (numbers or null), whatever the format they came in. */
    static List<List<JsonNode>> rows(String query, String accept, ObjectNode body) {
        Response r = post(query, accept, body);
        r.then().statusCode(200).contentType(startsWith(accept))
                .header("Parley-Grid-Points", String.valueOf(DISCOUNTS.length * DAYS.length))
                .header("Parley-Scenario-Hash", startsWith("sha256:"));
        List<List<JsonNode>> rows = new ArrayList<>();
        switch (accept) {
            case "application/json" -> Fixtures.json(r.asString()).get("rows").forEach(row -> {
                List<JsonNode> cells = new ArrayList<>();
                row.forEach(cells::add);
                rows.add(cells);
            });
            case NDJSON -> {
                String body2 = r.asString();
                assertThat(body2.isEmpty() || body2.endsWith("\n")).isTrue();
                for (String line : body2.split("\n")) {
                    if (line.isEmpty()) continue;
                    List<JsonNode> cells = new ArrayList<>();
                    JsonNode object = Fixtures.json(line);
                    assertThat(fieldNames(object)).containsExactly("terms.discounts[pp-homopolymer]", "terms.paymentDays",
                            "npv", "revenueCagr", "financingCost");
                    object.forEach(cells::add);
                    rows.add(cells);
                }
            }
            default -> {
                String[] lines = r.asString().split("\r\n");
                assertThat(lines[0]).isEqualTo("terms.discounts[pp-homopolymer],terms.paymentDays,npv,revenueCagr,financingCost");
                for (String line : Arrays.copyOfRange(lines, 1, lines.length)) {
                    List<JsonNode> cells = new ArrayList<>();
                    for (String cell : line.split(",", -1)) {
                        assertThat(cell).doesNotContain("E");
                        cells.add(cell.isEmpty() ? Fixtures.MAPPER.nullNode() : Fixtures.MAPPER.getNodeFactory().numberNode(Double.parseDouble(cell)));
                    }
                    rows.add(cells);
                }
            }
        }
        return rows;
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Two rows hold the same numbers (JSON writes 30.0 where NDJSON and CSV write 30) and nulls in the same places. */
    static void assertSameRows(List<List<JsonNode>> actual, List<List<JsonNode>> expected, String what) {
        assertThat(actual).as(what + ": row count").hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i)).as(what + " row " + i).hasSize(expected.get(i).size());
            for (int c = 0; c < expected.get(i).size(); c++) {
                JsonNode want = expected.get(i).get(c);
                JsonNode got = actual.get(i).get(c);
                if (want.isNull()) {
                    assertThat(got.isNull()).as(what + " row " + i + " cell " + c + " is null").isTrue();
                } else {
                    assertThat(got.doubleValue()).as(what + " row " + i + " cell " + c).isEqualTo(want.doubleValue());
                }
            }
        }
    }

    @Test
    void theRowsAreTheGridInNestedLoopOrderFirstLeverSlowest() {
        JsonNode result = json("", grid());
        List<String> columns = new ArrayList<>();
        result.get("columns").forEach(c -> columns.add(c.asText()));
        assertThat(columns).containsExactly("terms.discounts[pp-homopolymer]", "terms.paymentDays", "npv", "revenueCagr", "financingCost");
        assertThat(result.get("points").intValue()).isEqualTo(35);
        assertThat(result.get("shard").get("index").intValue()).isEqualTo(1);
        assertThat(result.get("shard").get("count").intValue()).isEqualTo(1);
        assertThat(result.get("shard").get("to").intValue()).isEqualTo(35);
        JsonNode rows = result.get("rows");
        assertThat(rows).hasSize(35);
        for (int i = 0; i < 35; i++) {
            // a range steps through the decimals a person types: 0.05 exactly, not 0.049999999999999996
            assertThat(rows.get(i).get(0).doubleValue()).as("row " + i).isEqualTo(DISCOUNTS[i / DAYS.length]);
            assertThat(rows.get(i).get(1).doubleValue()).as("row " + i).isEqualTo(DAYS[i % DAYS.length]);
            assertThat(rows.get(i).get(3).isNull()).as("one contract year: no revenue growth").isTrue();
        }
        // one point, evaluated on its own: 4 % off homopolymer at 45 days is row 2 × 7 + 3
        ObjectNode scenario = (ObjectNode) Fixtures.json(Fixtures.exampleText(FILE));
        ((ObjectNode) scenario.get("terms").get("discounts")).put("pp-homopolymer", 0.04);
        ((ObjectNode) scenario.get("terms")).put("paymentDays", 45);
        JsonNode summary = Fixtures.json(given().filter(Contract.CONFORMS)
                .contentType(ContentType.JSON).accept(ContentType.JSON).body(scenario.toString())
                .when().post("/api/v1/evaluate").then().statusCode(200).extract().asString()).get("summary");
        JsonNode row = rows.get(2 * 7 + 3);
        assertThat(row.get(2).doubleValue()).isCloseTo(summary.get("npv").doubleValue(),
                within(Math.abs(summary.get("npv").doubleValue()) * 1e-12));
        assertThat(row.get(4).doubleValue()).isCloseTo(summary.get("financingCost").doubleValue(),
                within(summary.get("financingCost").doubleValue() * 1e-12));
    }

    @Test
    void jsonNdjsonAndCsvCarryTheSameRows() {
        List<List<JsonNode>> json = rows("", "application/json", grid());
        assertSameRows(rows("", NDJSON, grid()), json, "NDJSON");
        assertSameRows(rows("", "text/csv", grid()), json, "CSV");
    }

    @Test
    void shardsConcatenatedInOrderAreTheWholeSweepRowForRow() {
        List<List<JsonNode>> whole = rows("", "application/json", grid());
        for (int n : new int[] {1, 3, 7, 50}) {
            // with more shards than points some shards are empty: an empty NDJSON body is tested below
            for (String format : n > 35 ? List.of("application/json", "text/csv") : List.of("application/json", NDJSON, "text/csv")) {
                List<List<JsonNode>> joined = new ArrayList<>();
                long next = 0;
                for (int k = 1; k <= n; k++) {
                    String query = "?shard=" + k + "&shards=" + n;
                    Response r = post(query, format, grid());
                    String header = r.header("Parley-Shard");
                    assertThat(header).as(format + query).startsWith(k + "/" + n + " points " + next + "-");
                    long to = Long.parseLong(header.substring(header.lastIndexOf('-') + 1));
                    assertThat(to - next).as("shard sizes differ by at most one").isBetween(35L / n, 35L / n + 1);
                    List<List<JsonNode>> part = rows(query, format, grid());
                    assertThat(part).as(format + query).hasSize((int) (to - next));
                    if (format.equals("application/json")) {
                        JsonNode shard = json(query, grid()).get("shard");
                        assertThat(shard.get("from").longValue()).isEqualTo(next);
                        assertThat(shard.get("to").longValue()).isEqualTo(to);
                    }
                    joined.addAll(part);
                    next = to;
                }
                assertThat(next).isEqualTo(35);
                assertSameRows(joined, whole, n + " " + format + " shards");
            }
        }
    }

    @Test
    void aShardWithNoPointsIsEmpty() {
        // 35 points in 50 shards: shard 1 holds points 0-0, none. JSON and CSV go through the contract
        JsonNode json = json("?shard=1&shards=50", grid());
        assertThat(json.get("rows")).isEmpty();
        assertThat(json.get("shard").get("from").intValue()).isEqualTo(json.get("shard").get("to").intValue());
        Response csv = post("?shard=1&shards=50", "text/csv", grid());
        csv.then().statusCode(200).header("Parley-Shard", "1/50 points 0-0");
        assertThat(csv.asString()).as("the header row only").isEqualTo("terms.discounts[pp-homopolymer],terms.paymentDays,npv,revenueCagr,financingCost\r\n");
        // NDJSON has no header, so the body is empty: the contract cannot promise an empty body (the
        // validator reports a missing body), so this one response is checked without the filter
        given().contentType(ContentType.JSON).accept(NDJSON).body(grid().toString())
                .when().post(SWEEP + "?shard=1&shards=50")
                .then().statusCode(200).contentType(NDJSON).header("Parley-Shard", "1/50 points 0-0")
                .body(equalTo(""));
    }

    @Test
    void aTwoWayTableCellIsTheRowForItsPair() {
        JsonNode rows = json("", grid()).get("rows");
        JsonNode table = json("?layout=table", grid());
        assertThat(table.get("rowLever").asText()).isEqualTo("terms.discounts[pp-homopolymer]");
        assertThat(table.get("columnLever").asText()).isEqualTo("terms.paymentDays");
        for (int r = 0; r < DISCOUNTS.length; r++) {
            assertThat(table.get("rowValues").get(r).doubleValue()).isEqualTo(rows.get(r * DAYS.length).get(0).doubleValue());
            assertThat(table.get("rowValues").get(r).doubleValue()).isEqualTo(DISCOUNTS[r]);
        }
        for (int c = 0; c < DAYS.length; c++) assertThat(table.get("columnValues").get(c).doubleValue()).isEqualTo(DAYS[c]);
        assertThat(table.get("tables")).hasSize(3);
        for (int m = 0; m < 3; m++) {
            JsonNode cells = table.get("tables").get(m).get("cells");
            assertThat(cells).hasSize(DISCOUNTS.length);
            for (int r = 0; r < DISCOUNTS.length; r++) {
                assertThat(cells.get(r)).hasSize(DAYS.length);
                for (int c = 0; c < DAYS.length; c++) {
                    JsonNode want = rows.get(r * DAYS.length + c).get(2 + m);
                    JsonNode got = cells.get(r).get(c);
                    if (want.isNull()) assertThat(got.isNull()).isTrue();
                    else assertThat(got.doubleValue()).as("metric " + m + " [" + r + "][" + c + "]").isEqualTo(want.doubleValue());
                }
            }
        }
        assertThat(table.get("tables").get(1).get("metric").asText()).isEqualTo("revenueCagr");
    }

    @Test
    void aTwoWayTableAsCsvIsAMatrixOfOneMetric() {
        JsonNode rows = json("", grid()).get("rows");
        for (String metric : List.of("", "financingCost")) {
            Response r = post("?layout=table" + (metric.isEmpty() ? "" : "&metric=" + metric), "text/csv", grid());
            r.then().statusCode(200).contentType(startsWith("text/csv")).header("Parley-Grid-Points", "35");
            String[] lines = r.asString().split("\r\n");
            assertThat(lines).hasSize(1 + DISCOUNTS.length);
            String[] header = lines[0].split(",", -1);
            assertThat(header[0]).isEqualTo("terms.discounts[pp-homopolymer] \\ terms.paymentDays");
            for (int c = 0; c < DAYS.length; c++) assertThat(Double.parseDouble(header[1 + c])).isEqualTo(DAYS[c]);
            int column = metric.isEmpty() ? 2 : 4; // npv by default: the first metric asked for
            for (int row = 0; row < DISCOUNTS.length; row++) {
                String[] cells = lines[1 + row].split(",", -1);
                assertThat(Double.parseDouble(cells[0])).isEqualTo(rows.get(row * DAYS.length).get(0).doubleValue());
                for (int c = 0; c < DAYS.length; c++) {
                    assertThat(Double.parseDouble(cells[1 + c])).as(metric + " [" + row + "][" + c + "]")
                            .isEqualTo(rows.get(row * DAYS.length + c).get(column).doubleValue());
                }
            }
        }
    }

    @Test
    void aJsonSweepOverTheBufferedLimitIsRefusedButStreamsAsCsv() {
        ObjectNode request = Fixtures.MAPPER.createObjectNode();
        request.set("scenario", Fixtures.json(Fixtures.exampleText(FILE)));
        ArrayNode levers = request.putArray("levers");
        levers.addObject().put("path", "terms.paymentDays").put("from", 0).put("to", 100).put("steps", 10);
        levers.addObject().put("path", "terms.discounts[pp-copolymer]").put("from", 0).put("to", 0.2).put("steps", 9090);
        // 11 × 9091 = 100 001 points, one over the JSON ceiling
        given().filter(Contract.CONFORMS).contentType(ContentType.JSON).accept(ContentType.JSON).body(request.toString())
                .when().post(SWEEP)
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:parley:problem:limit-exceeded"))
                .body("limit", equalTo(100000))
                .body("requested", equalTo(100001))
                .body("detail", containsString("stream"))
                .body("detail", containsString("text/csv"));
        Response csv = post("", "text/csv", request);
        csv.then().statusCode(200).header("Parley-Grid-Points", "100001").header("Parley-Shard", "1/1 points 0-100001");
        String body = csv.asString();
        long lines = body.chars().filter(ch -> ch == '\n').count();
        assertThat(lines).as("a header and 100 001 rows").isEqualTo(1 + 100_001);
        assertThat(body).startsWith("terms.paymentDays,terms.discounts[pp-copolymer],npv\r\n0,0,");
        String last = body.substring(body.lastIndexOf("\r\n", body.length() - 3) + 2);
        assertThat(last).as("the last point: both levers at their top values").startsWith("100,0.2");
    }

    static ValidatableResponse reject(String query, String accept, ObjectNode body) {
        return given().filter(Contract.RESPONSE_CONFORMS)
                .contentType(ContentType.JSON).accept(accept).body(body.toString())
                .when().post(SWEEP + query).then();
    }

    @Test
    void badShardParametersAre400s() {
        reject("?shard=0&shards=3", "application/json", grid()).statusCode(400)
                .body("type", equalTo("urn:parley:problem:bad-request"))
                .body("errors[0].pointer", equalTo("?shard"));
        reject("?shard=4&shards=3", "text/csv", grid()).statusCode(400).body("errors[0].pointer", equalTo("?shard"))
                .body("detail", containsString("1–3"));
        reject("?shard=1", "application/json", grid()).statusCode(400).body("detail", containsString("give both"));
        reject("?shards=3", "application/json", grid()).statusCode(400).body("detail", containsString("give both"));
        reject("?shard=1&shards=many", "application/json", grid()).statusCode(400).body("errors[0].pointer", equalTo("?shards"));
        reject("?shard=1&shards=10001", "application/json", grid()).statusCode(400).body("errors[0].pointer", equalTo("?shards"));
        reject("?shard=1&shards=2&layout=table", "application/json", grid()).statusCode(400)
                .body("errors[0].pointer", equalTo("?layout"));
        reject("?layout=grid", "application/json", grid()).statusCode(400).body("errors[0].pointer", equalTo("?layout"));
        reject("?shrad=1", "application/json", grid()).statusCode(400)
                .body("detail", containsString("did you mean 'shard'?"));
    }

    @Test
    void aTableNeedsTwoLeversAndJsonOrCsv() {
        ObjectNode three = grid();
        ((ArrayNode) three.get("levers")).addObject().put("path", "terms.renewalProbability").putArray("values").add(0.9).add(1);
        reject("?layout=table", "application/json", three).statusCode(422).body("errors[0].pointer", equalTo("/levers"))
                .body("errors[0].message", containsString("exactly 2 levers"));
        reject("?layout=table", NDJSON, grid()).statusCode(406).body("type", equalTo("urn:parley:problem:not-acceptable"));
        reject("?layout=table&metric=cogs", "text/csv", grid()).statusCode(400).body("errors[0].pointer", equalTo("?metric"));
    }

    @Test
    void sweptValuesAreCheckedAgainstTheLeversRules() {
        ObjectNode request = grid();
        ((ArrayNode) request.get("levers").get(1).get("values")).add(400);
        ((ArrayNode) request.get("levers")).addObject().put("path", "terms.paymentDays").putArray("values").add(10);
        reject("", "text/csv", request).statusCode(422)
                .body("errors.pointer", org.hamcrest.Matchers.hasItems("/levers/1/values/7", "/levers/2/path"))
                .body("errors.message", org.hamcrest.Matchers.hasItem("terms.paymentDays = 400: 400 is outside 0–365 days"));
    }
}
