package io.parley.api;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.hipparchus.distribution.discrete.BinomialDistribution;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.parley.Fixtures;

import static io.parley.api.UncertaintyApiTest.MONTE_CARLO;
import static io.parley.api.UncertaintyApiTest.averageRanks;
import static io.parley.api.UncertaintyApiTest.csvSamples;
import static io.parley.api.UncertaintyApiTest.json;
import static io.parley.api.UncertaintyApiTest.lever;
import static io.parley.api.UncertaintyApiTest.metric;
import static io.parley.api.UncertaintyApiTest.rejected;
import static io.parley.api.UncertaintyApiTest.request;
import static io.parley.api.UncertaintyApiTest.twoLevers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The Monte Carlo figures analysts read beside the moments — contribution to variance, the change in
 * the mean by tenths of each lever, the intervals on percentiles and probabilities — and the newer
 * distributions, end to end and checked against openapi.yaml. Each figure is recomputed here from the
 * raw samples of the same request: bins by sorting, interval ends from the binomial law and Wilson's
 * formula written out.
 */
@QuarkusTest
class MonteCarloFiguresApiTest {

    static final List<String> LEVERS = List.of("products[srp-trays].baseVolume", "terms.renewalProbability");

    @Test
    void theNewFiguresAreThoseOfTheRawSamplesOfTheSameRequest() {
        int n = 2000;
        ObjectNode request = twoLevers(n);
        request.put("sampling", "random").put("confidence", 0.9).put("meanChangeBins", 5);
        request.putArray("percentiles").add(0.1).add(0.5);
        request.putArray("thresholds").addObject().put("metric", "npv").put("below", 5_200_000);
        JsonNode summary = Fixtures.json(json(MONTE_CARLO, request));
        assertThat(summary.get("confidence").doubleValue()).isEqualTo(0.9);
        List<double[]> rows = csvSamples(request, List.of("sample", LEVERS.get(0), LEVERS.get(1), "npv", "customerNpv"));

        JsonNode npv = metric(summary, "npv");
        double[] y = new double[n];
        for (int i = 0; i < n; i++) y[i] = rows.get(i)[3];
        double[] sorted = y.clone();
        Arrays.sort(sorted);

        // percentile intervals: order statistics l = least k with P(B ≤ k) ≥ 0.05, u = 1 + least k with P(B ≤ k) ≥ 0.95
        double[] ps = {0.1, 0.5};
        for (int p = 0; p < ps.length; p++) {
            BinomialDistribution b = new BinomialDistribution(n, ps[p]);
            int l = b.inverseCumulativeProbability(0.05);
            int u = b.inverseCumulativeProbability(0.95) + 1;
            JsonNode reported = npv.get("percentiles").get(p);
            assertThat(reported.get("low").doubleValue()).isEqualTo(sorted[l - 1]);
            assertThat(reported.get("high").doubleValue()).isEqualTo(sorted[u - 1]);
            assertThat(reported.get("value").doubleValue()).isBetween(sorted[l - 1], sorted[u - 1]);
        }

        // Wilson's interval at 90 %: z = 1.6448536269514722
        long hits = Arrays.stream(y).filter(v -> v < 5_200_000).count();
        double z = 1.6448536269514722;
        double phat = hits / (double) n;
        double centre = (phat + z * z / (2 * n)) / (1 + z * z / n);
        double half = z * Math.sqrt(phat * (1 - phat) / n + z * z / (4.0 * n * n)) / (1 + z * z / n);
        JsonNode probability = npv.get("probabilities").get(0);
        assertThat(probability.get("low").doubleValue()).isCloseTo(centre - half, within(1e-12));
        assertThat(probability.get("high").doubleValue()).isCloseTo(centre + half, within(1e-12));

        // contribution to variance: the squared coefficients' shares, adding up to 1
        double squares = 0;
        double rankSquares = 0;
        for (JsonNode c : npv.get("contributions")) {
            squares += Math.pow(c.get("standardisedCoefficient").doubleValue(), 2);
            rankSquares += Math.pow(c.get("rankCorrelation").doubleValue(), 2);
        }
        for (JsonNode c : npv.get("contributions")) {
            assertThat(c.get("contributionToVariance").doubleValue())
                    .isCloseTo(Math.pow(c.get("standardisedCoefficient").doubleValue(), 2) / squares, within(1e-12));
            assertThat(c.get("rankContributionToVariance").doubleValue())
                    .isCloseTo(Math.pow(c.get("rankCorrelation").doubleValue(), 2) / rankSquares, within(1e-12));
        }

        // change in the mean: npv averaged over fifths of each lever's samples, sorted by the lever
        JsonNode changes = npv.get("meanChanges");
        assertThat(changes).hasSize(2);
        double previousSpread = Double.POSITIVE_INFINITY;
        for (JsonNode change : changes) {
            int l = LEVERS.indexOf(change.get("lever").asText());
            double[] x = new double[n];
            for (int i = 0; i < n; i++) x[i] = rows.get(i)[1 + l];
            double[] ranks = averageRanks(x);
            double[] sums = new double[5];
            for (int i = 0; i < n; i++) sums[(int) ((ranks[i] - 1) * 5 / n)] += y[i];
            JsonNode means = change.get("binMeans");
            assertThat(means).hasSize(5);
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int b = 0; b < 5; b++) {
                double want = sums[b] / (n / 5.0);
                assertThat(means.get(b).doubleValue()).as(change.get("lever") + " bin " + b)
                        .isCloseTo(want, within(Math.abs(want) * 1e-12));
                lo = Math.min(lo, want);
                hi = Math.max(hi, want);
            }
            assertThat(change.get("lowBinMean").doubleValue()).isEqualTo(means.get(0).doubleValue());
            assertThat(change.get("highBinMean").doubleValue()).isEqualTo(means.get(4).doubleValue());
            assertThat(hi - lo).isLessThanOrEqualTo(previousSpread);
            previousSpread = hi - lo;
        }
    }

    @Test
    void theNewDistributionsDrawOnlyWhatTheySay() {
        int n = 500;
        ObjectNode request = request(n);
        request.putArray("metrics").add("npv");
        ArrayNode levers = request.putArray("levers");
        lever(levers, "products[srp-trays].baseVolume", "cumulative")
                .<ObjectNode>set("values", Fixtures.MAPPER.valueToTree(List.of(1_800_000, 2_300_000, 2_500_000, 2_600_000)))
                .set("probabilities", Fixtures.MAPPER.valueToTree(List.of(0, 0.5, 0.9, 1)));
        lever(levers, "products[srp-trays].unitCost", "empirical")
                .set("values", Fixtures.MAPPER.valueToTree(List.of(0.55, 0.57, 0.56)));
        lever(levers, "costToServe.fixedPerYear", "logUniform").put("min", 10_000).put("max", 1_000_000);
        lever(levers, "terms.renewalProbability", "pert").put("min", 0.6).put("mode", 0.85).put("max", 1)
                .put("lower", 0.8);
        List<double[]> rows = csvSamples(request, List.of("sample", "products[srp-trays].baseVolume",
                "products[srp-trays].unitCost", "costToServe.fixedPerYear", "terms.renewalProbability", "npv"));
        long belowMedian = 0;
        for (double[] r : rows) {
            assertThat(r[1]).isBetween(1_800_000.0, 2_600_000.0);
            assertThat(r[2]).isIn(0.55, 0.57, 0.56);
            assertThat(r[3]).isBetween(10_000.0, 1_000_000.0);
            assertThat(r[4]).isBetween(0.8, 1.0);
            if (r[1] < 2_300_000) belowMedian++;
        }
        // a Latin hypercube puts exactly half the samples below the cumulative curve's median
        assertThat(belowMedian).isEqualTo(n / 2);
        json(MONTE_CARLO, request);
    }

    @Test
    void newDistributionsWithBrokenRulesNameTheFieldTheValueAndTheRule() {
        ObjectNode request = request(100);
        ArrayNode levers = request.putArray("levers");
        lever(levers, "costToServe.fixedPerYear", "logUniform").put("min", 0).put("max", 1000);
        lever(levers, "products[srp-trays].baseVolume", "cumulative")
                .<ObjectNode>set("values", Fixtures.MAPPER.valueToTree(List.of(1, 3, 2)))
                .set("probabilities", Fixtures.MAPPER.valueToTree(List.of(0.1, 0.5, 1)));
        lever(levers, "products[srp-trays].unitCost", "empirical").put("upper", 1)
                .set("values", Fixtures.MAPPER.valueToTree(List.of(0.5)));
        lever(levers, "products[srp-trays].listPrice", "uniform").put("min", 1).put("max", 2).put("lower", 3);
        rejected(MONTE_CARLO, request).body("type", equalTo("urn:parley:problem:validation"))
                .body("errors.pointer", hasItem("/levers/0/distribution/min"))
                .body("errors.message", hasItem(containsString("is 0; a log-uniform quantity is positive; min must be > 0")))
                .body("errors.pointer", hasItem("/levers/1/distribution/values"))
                .body("errors.message", hasItem(containsString("must ascend strictly; 2.0 follows 3.0")))
                .body("errors.pointer", hasItem("/levers/1/distribution/probabilities"))
                .body("errors.pointer", hasItem("/levers/2/distribution/upper"))
                .body("errors.message", hasItem(containsString("an empirical distribution has no 'upper'")))
                .body("errors.pointer", hasItem("/levers/3/distribution/lower"))
                .body("errors.message", hasItem(containsString("holds 0.0 of the distribution's probability")));
    }

    @Test
    void aPrecisionTargetNamesOneWidthAndMayNameAPercentile() {
        ObjectNode request = twoLevers(1000);
        request.putObject("precision").put("metric", "npv").put("relativeHalfWidth", 0.01).put("halfWidth", 5);
        rejected(MONTE_CARLO, request).body("errors[0].pointer", equalTo("/precision"))
                .body("errors[0].message", containsString("exactly one of 'relativeHalfWidth'"));

        request = twoLevers(1000);
        request.putObject("precision").put("metric", "npv").put("halfWidth", 5).put("percentile", 1.5);
        request.put("meanChangeBins", 1);
        rejected(MONTE_CARLO, request).body("errors.pointer", hasItem("/precision/percentile"))
                .body("errors.pointer", hasItem("/meanChangeBins"));

        // a generous target on P5, met after the first round of 131,072 samples
        request = twoLevers(300_000);
        request.put("sampling", "random");
        request.putObject("precision").put("metric", "npv").put("percentile", 0.05).put("relativeHalfWidth", 0.05);
        JsonNode summary = Fixtures.json(json(MONTE_CARLO, request));
        assertThat(summary.get("stoppedBy").asText()).isEqualTo("precision");
        assertThat(summary.get("samples").intValue()).isEqualTo(131_072);
        JsonNode p5 = metric(summary, "npv").get("percentiles").get(0);
        assertThat(p5.get("p").doubleValue()).isEqualTo(0.05);
        assertThat((p5.get("high").doubleValue() - p5.get("low").doubleValue()) / 2)
                .isLessThanOrEqualTo(0.05 * Math.abs(p5.get("value").doubleValue()));
    }

    /** The contract's "sensitivity" request example runs as its summary says: P5 of NPV known to ± 10 000. */
    @Test
    void theContractsSensitivityExampleStopsOnItsPercentileTarget() throws IOException {
        JsonNode example = new YAMLMapper().readTree(Path.of("openapi.yaml").toFile()).at("/paths/~1api~1v1~1analyses~1monte-carlo"
                + "/post/requestBody/content/application~1json/examples/sensitivity/value");
        assertThat(example.isObject()).isTrue();
        JsonNode summary = Fixtures.json(json(MONTE_CARLO, (ObjectNode) example));
        assertThat(summary.get("stoppedBy").asText()).isEqualTo("precision");
        assertThat(summary.get("confidence").doubleValue()).isEqualTo(0.9);
        JsonNode npv = metric(summary, "npv");
        JsonNode p5 = npv.get("percentiles").get(0);
        assertThat(p5.get("p").doubleValue()).isEqualTo(0.05);
        assertThat((p5.get("high").doubleValue() - p5.get("low").doubleValue()) / 2).isLessThanOrEqualTo(10_000);
        for (JsonNode change : npv.get("meanChanges")) assertThat(change.get("binMeans")).hasSize(5);
    }
}
