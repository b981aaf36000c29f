package io.parley.api;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.Fixtures;
import io.parley.document.UncertaintyInput;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every answer names the whole request that produced it (issue 11, defect 12): the same request gives
 * the same {@code requestHash} in the body and in {@code Parley-Request-Hash}, streamed answers
 * included; another lever, distribution, option or seed gives another, though the scenario, and so
 * {@code scenarioHash}, is the same. Random analyses name their sampling method and seed, streams too.
 */
@QuarkusTest
class RequestProvenanceApiTest {

    private static final String TORNADO = "/api/v1/analyses/tornado";

    private static JsonNode provenanceOf(Response r) {
        r.then().statusCode(200);
        JsonNode p = Fixtures.json(r.asString()).get("provenance");
        assertThat(r.getHeader("Parley-Request-Hash")).isEqualTo(p.get("requestHash").asText());
        assertThat(r.getHeader("Parley-Scenario-Hash")).isEqualTo(p.get("scenarioHash").asText());
        return p;
    }

    private static JsonNode monteCarlo(ObjectNode request) {
        JsonNode p = provenanceOf(UncertaintyApiTest.post(UncertaintyApiTest.MONTE_CARLO, "", "application/json", request));
        return p;
    }

    @Test
    void theSameRequestGivesTheSameHashWhateverTheFormatAndASeedStatedAtItsDefaultIsTheSameRequest() {
        ObjectNode request = UncertaintyApiTest.twoLevers(200);
        JsonNode json = monteCarlo(request);
        assertThat(json.get("sampling").asText()).isEqualTo("latinHypercube");
        assertThat(json.get("seed").asLong()).isEqualTo(UncertaintyInput.DEFAULT_SEED);

        // the streamed samples of the same request: no room in the rows, so the headers say it all; the
        // whole run (and its one shard of one, stated) is the request of the summary, whatever the format
        for (String media : new String[] {"text/csv", UncertaintyApiTest.NDJSON}) {
            for (String whole : new String[] {"", "?shard=1&shards=1"}) {
                Response stream = UncertaintyApiTest.post(UncertaintyApiTest.MONTE_CARLO, whole, media, request);
                stream.then().statusCode(200);
                assertThat(stream.getHeader("Parley-Request-Hash")).as(media + whole).isEqualTo(json.get("requestHash").asText());
                assertThat(stream.getHeader("Parley-Sampling")).as(media).isEqualTo("latinHypercube");
                assertThat(stream.getHeader("Parley-Seed")).as(media).isEqualTo(String.valueOf(UncertaintyInput.DEFAULT_SEED));
            }
        }

        // the same request written otherwise: the default seed and method stated, members in another order
        ObjectNode restated = Fixtures.MAPPER.createObjectNode();
        restated.put("seed", UncertaintyInput.DEFAULT_SEED).put("sampling", "latinHypercube");
        restated.set("levers", request.get("levers"));
        restated.set("metrics", request.get("metrics"));
        restated.put("samples", 200);
        restated.set("scenario", request.get("scenario"));
        assertThat(monteCarlo(restated)).isEqualTo(json);
    }

    @Test
    void anotherSeedSamplingMethodOrDistributionIsAnotherRequestOfTheSameScenario() {
        ObjectNode request = UncertaintyApiTest.twoLevers(200);
        JsonNode base = monteCarlo(request);

        ObjectNode seeded = request.deepCopy().put("seed", 1);
        ObjectNode random = request.deepCopy().put("sampling", "random");
        ObjectNode wider = request.deepCopy();
        ((ObjectNode) wider.get("levers").get(1).get("distribution")).put("alpha", 16);
        JsonNode[] others = {monteCarlo(seeded), monteCarlo(random), monteCarlo(wider)};
        assertThat(others[0].get("seed").asLong()).isEqualTo(1);
        assertThat(others[1].get("sampling").asText()).isEqualTo("random");
        for (JsonNode other : others) {
            assertThat(other.get("scenarioHash")).isEqualTo(base.get("scenarioHash"));
            assertThat(other.get("requestHash")).isNotEqualTo(base.get("requestHash"));
        }
        assertThat(others[0].get("requestHash")).isNotEqualTo(others[1].get("requestHash"))
                .isNotEqualTo(others[2].get("requestHash"));
    }

    /**
     * The query parameters that change which figures are computed are part of the request (issue 11): a
     * shard holds other rows than the whole and than another shard, in any format (sweeps and Monte
     * Carlo streams alike), and {@code ?format=mps} answers the model, not a solve. Those that only pick
     * how the same figures are written are not: a sweep's rows and its grid table share the hash.
     */
    @Test
    void aShardOrTheModelIsAnotherRequestAndTheSameFiguresWrittenOtherwiseAreNot() {
        ObjectNode request = UncertaintyApiTest.twoLevers(200);
        String whole = hashOf(UncertaintyApiTest.post(UncertaintyApiTest.MONTE_CARLO, "", "text/csv", request));
        String second = hashOf(UncertaintyApiTest.post(UncertaintyApiTest.MONTE_CARLO, "?shard=2&shards=3", "text/csv", request));
        String secondNdjson = hashOf(UncertaintyApiTest.post(UncertaintyApiTest.MONTE_CARLO, "?shards=3&shard=2",
                UncertaintyApiTest.NDJSON, request));
        String first = hashOf(UncertaintyApiTest.post(UncertaintyApiTest.MONTE_CARLO, "?shard=1&shards=3", "text/csv", request));
        assertThat(second).isNotEqualTo(whole).isNotEqualTo(first).isEqualTo(secondNdjson);
        assertThat(first).isNotEqualTo(whole);

        ObjectNode sweep = AnalysesApiTest.request();
        sweep.putArray("metrics").add("npv");
        ArrayNode levers = sweep.putArray("levers");
        levers.addObject().put("path", "terms.paymentDays").putArray("values").add(30).add(60);
        levers.addObject().put("path", "terms.upfrontInvestment").putArray("values").add(0).add(1000);
        String rows = provenanceOf(UncertaintyApiTest.post(SWEEP, "", "application/json", sweep)).get("requestHash").asText();
        String table = provenanceOf(UncertaintyApiTest.post(SWEEP, "?layout=table", "application/json", sweep))
                .get("requestHash").asText();
        String shard = provenanceOf(UncertaintyApiTest.post(SWEEP, "?shard=2&shards=2", "application/json", sweep))
                .get("requestHash").asText();
        String shardCsv = hashOf(UncertaintyApiTest.post(SWEEP, "?shard=2&shards=2", "text/csv", sweep));
        assertThat(table).as("the same figures as a grid").isEqualTo(rows);
        assertThat(shard).as("the second half of the grid").isNotEqualTo(rows).isEqualTo(shardCsv);

        ObjectNode optimisation = OptimizeApiTest.readmeRequest();
        String solved = provenanceOf(UncertaintyApiTest.post(OPTIMIZE, "", "application/json", optimisation))
                .get("requestHash").asText();
        String model = hashOf(UncertaintyApiTest.post(OPTIMIZE, "?format=mps", "text/plain", optimisation));
        String solvedAsked = provenanceOf(UncertaintyApiTest.post(OPTIMIZE, "?format=json", "application/json", optimisation))
                .get("requestHash").asText();
        assertThat(model).as("the model, not a solve").isNotEqualTo(solved);
        assertThat(solvedAsked).as("format=json is the default").isEqualTo(solved);
    }

    private static String hashOf(Response r) {
        r.then().statusCode(200);
        return r.getHeader("Parley-Request-Hash");
    }

    private static final String SWEEP = "/api/v1/analyses/sweep";
    private static final String OPTIMIZE = "/api/v1/optimize";

    @Test
    void sobolAndMorrisNameTheirDesignAndSeed() {
        ObjectNode request = UncertaintyApiTest.twoLevers(200);
        request.remove("samples");
        JsonNode sobol = provenanceOf(UncertaintyApiTest.post(UncertaintyApiTest.SOBOL, "", "application/json",
                request.deepCopy().put("n", 64)));
        JsonNode morris = provenanceOf(UncertaintyApiTest.post(UncertaintyApiTest.MORRIS, "", "application/json",
                request.deepCopy().put("seed", 5)));
        assertThat(sobol.get("sampling").asText()).isEqualTo("saltelli");
        assertThat(morris.get("sampling").asText()).isEqualTo("morris");
        assertThat(morris.get("seed").asLong()).isEqualTo(5);
        assertThat(sobol.get("requestHash")).isNotEqualTo(morris.get("requestHash"));
    }

    @Test
    void aDeterministicAnalysisOfOtherLeversIsAnotherRequestAndNamesNoSeed() {
        ObjectNode request = AnalysesApiTest.tornadoRequest();
        JsonNode base = provenanceOf(UncertaintyApiTest.post(TORNADO, "", "application/json", request));
        ObjectNode fewer = request.deepCopy();
        ((ArrayNode) fewer.get("levers")).remove(3);
        JsonNode other = provenanceOf(UncertaintyApiTest.post(TORNADO, "", "application/json", fewer));
        assertThat(other.get("scenarioHash")).isEqualTo(base.get("scenarioHash"));
        assertThat(other.get("requestHash")).isNotEqualTo(base.get("requestHash"));
        assertThat(base.has("seed")).isFalse();
        assertThat(base.has("sampling")).isFalse();
        Response csv = UncertaintyApiTest.post(TORNADO, "", "text/csv", request);
        csv.then().statusCode(200);
        assertThat(csv.getHeader("Parley-Request-Hash")).isEqualTo(base.get("requestHash").asText());
    }

    @Test
    void aSweepStreamCarriesTheHashOfItsRequestAndAShardItsOwn() {
        ObjectNode grid = SweepApiTest.grid();
        JsonNode json = provenanceOf(UncertaintyApiTest.post(SweepApiTest.SWEEP, "", "application/json", grid));
        Response whole = UncertaintyApiTest.post(SweepApiTest.SWEEP, "", UncertaintyApiTest.NDJSON, grid);
        assertThat(hashOf(whole)).isEqualTo(json.get("requestHash").asText());
        assertThat(whole.getHeader("Parley-Seed")).isNull();
        Response shard = UncertaintyApiTest.post(SweepApiTest.SWEEP, "?shard=2&shards=2", UncertaintyApiTest.NDJSON, grid);
        JsonNode shardJson = provenanceOf(UncertaintyApiTest.post(SweepApiTest.SWEEP, "?shard=2&shards=2", "application/json", grid));
        assertThat(hashOf(shard)).as("the second half: other rows").isNotEqualTo(json.get("requestHash").asText())
                .isEqualTo(shardJson.get("requestHash").asText());
        assertThat(shard.getHeader("Parley-Seed")).isNull();
    }
}
