package io.parley.api;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.Fixtures;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.hasItem;

/**
 * Groups of levers, Morris' raw effects and mu_star_conf end to end, every answer checked against
 * openapi.yaml. The closed forms are in GroupedSensitivityTest and MorrisEffectsTest; here, what the
 * wire must say: a group named with its levers, r (g + 1) evaluations, μ, μ* and σ as the statistics
 * of the raw effects sent, and a group of every lever explaining all of the variance (S = ST = 1).
 */
@QuarkusTest
class GroupedSensitivityApiTest {

    /** Tray volume and renewal in one group "volume", the tray's unit cost alone. */
    static ObjectNode grouped() {
        ObjectNode request = UncertaintyApiTest.twoLevers(0);
        request.remove("samples");
        ArrayNode levers = (ArrayNode) request.get("levers");
        ((ObjectNode) levers.get(0)).put("group", "volume");
        ((ObjectNode) levers.get(1)).put("group", "volume");
        UncertaintyApiTest.lever(levers, "products[srp-trays].unitCost", "uniform").put("min", 0.54).put("max", 0.58);
        return request;
    }

    @Test
    void morrisOfGroupsNamesEachGroupWithItsLeversAndSendsTheRawEffectsItsFiguresComeFrom() {
        ObjectNode request = grouped().put("trajectories", 12);
        JsonNode answer = Fixtures.json(UncertaintyApiTest.json(UncertaintyApiTest.MORRIS, request));
        assertThat(answer.get("evaluations").asLong()).isEqualTo(12 * (2 + 1)); // two groups, not three levers
        assertThat(answer.get("bootstrap").asInt()).isEqualTo(1000);
        assertThat(answer.get("confidence").asDouble()).isEqualTo(0.95);
        for (JsonNode metric : answer.get("metrics")) {
            List<String> groups = new ArrayList<>();
            for (JsonNode e : metric.get("effects")) {
                groups.add(e.get("group").asText());
                assertThat(e.has("lever")).isFalse();
                double[] raw = Fixtures.MAPPER.convertValue(e.get("elementaryEffects"), double[].class);
                assertThat(raw).hasSize(12);
                double mu = 0;
                double muStar = 0;
                for (double v : raw) {
                    mu += v / 12;
                    muStar += Math.abs(v) / 12;
                }
                double squares = 0;
                for (double v : raw) squares += (v - mu) * (v - mu);
                double scale = 1e-9 * Math.max(1, muStar);
                assertThat(e.get("mu").asDouble()).isCloseTo(mu, within(scale));
                assertThat(e.get("muStar").asDouble()).isCloseTo(muStar, within(scale));
                assertThat(e.get("sigma").asDouble()).isCloseTo(Math.sqrt(squares / 11), within(scale));
                assertThat(e.get("muStarConf").asDouble()).isGreaterThanOrEqualTo(0);
            }
            assertThat(groups).containsExactlyInAnyOrder("volume", "products[srp-trays].unitCost");
            JsonNode volume = metric.get("effects").findParents("group").stream()
                    .filter(e -> e.get("group").asText().equals("volume")).findFirst().orElseThrow();
            assertThat(Fixtures.MAPPER.convertValue(volume.get("levers"), String[].class))
                    .containsExactly("products[srp-trays].baseVolume", "terms.renewalProbability");
        }
    }

    @Test
    void sobolOfOneGroupOfEveryLeverExplainsAllTheVariance() {
        ObjectNode request = grouped().put("n", 1024);
        ((ObjectNode) request.get("levers").get(2)).put("group", "volume");
        JsonNode answer = Fixtures.json(UncertaintyApiTest.json(UncertaintyApiTest.SOBOL, request));
        assertThat(answer.get("evaluations").asLong()).isEqualTo(1024 * (1 + 2));
        for (JsonNode metric : answer.get("metrics")) {
            JsonNode only = metric.get("indices").get(0);
            assertThat(metric.get("indices")).hasSize(1);
            assertThat(only.get("group").asText()).isEqualTo("volume");
            // A_B(volume) is B: every row's total change is the whole variance, S = ST = 1 up to sampling
            assertThat(only.get("first").asDouble()).as(metric.get("metric") + " S").isCloseTo(1, within(0.05));
            assertThat(only.get("total").asDouble()).as(metric.get("metric") + " ST").isCloseTo(1, within(0.05));
        }
    }

    @Test
    void monteCarloHasNoGroupsAndAGroupMayNotTakeTheNameOfALeverOutsideIt() {
        ObjectNode monteCarlo = UncertaintyApiTest.twoLevers(100);
        ((ObjectNode) monteCarlo.get("levers").get(0)).put("group", "volume");
        UncertaintyApiTest.rejected(UncertaintyApiTest.MONTE_CARLO, monteCarlo).body("errors.pointer", hasItem("/levers/0/group"));

        ObjectNode clash = grouped();
        ((ObjectNode) clash.get("levers").get(0)).put("group", "products[srp-trays].unitCost");
        UncertaintyApiTest.rejected(UncertaintyApiTest.MORRIS, clash).body("errors.pointer", hasItem("/levers"));

        ObjectNode blank = grouped();
        ((ObjectNode) blank.get("levers").get(1)).put("group", " ");
        UncertaintyApiTest.rejected(UncertaintyApiTest.SOBOL, blank).body("errors.pointer", hasItem("/levers/1/group"));
    }
}
