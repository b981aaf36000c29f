package io.parley.api;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.Fixtures;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A default derived from another field follows it through an analysis, end to end: the spot deal states no
 * customer cost of capital, so the customer's rate is the supplier's; every analysis that moves the supplier's
 * rate (tornado, spider, sweep, compare and bridge {@code set}, goal seek, break-even, Monte Carlo, Morris, the
 * optimiser) must give the customerNpv that {@code evaluate} gives for the scenario written with that rate, to
 * 1e-9 relative. Sobol reports only variance ratios, nothing to compare. The contract term left out follows
 * {@code horizon.years}, which only compare {@code set} can move (issue 11, defect 1).
 */
@QuarkusTest
class DerivedDefaultsApiTest {

    static final String FILE = "single-year-spot.json";

    static ObjectNode spotDeal(double supplierRate) {
        ObjectNode scenario = (ObjectNode) Fixtures.json(Fixtures.exampleText(FILE));
        ((ObjectNode) scenario.get("supplier")).put("costOfCapital", supplierRate);
        return scenario;
    }

    /** {@code metric} of the summary {@code evaluate} gives for {@code scenario}. */
    static double evaluated(ObjectNode scenario, String metric) {
        return Api.ok("/api/v1/evaluate", scenario).get("summary").get(metric).doubleValue();
    }

    static double evaluatedCustomerNpv(double supplierRate) {
        return evaluated(spotDeal(supplierRate), "customerNpv");
    }

    @Test
    void aTornadoOnTheSuppliersRateMovesTheCustomersRateLeftOut() {
        assertThat(Fixtures.json(Fixtures.exampleText(FILE)).has("customer")).as("the fixture leaves it out").isFalse();
        ObjectNode request = Fixtures.MAPPER.createObjectNode();
        request.set("scenario", spotDeal(0.095));
        request.putArray("metrics").add("customerNpv");
        request.putArray("levers").addObject().put("path", "supplier.costOfCapital").put("low", 0.02).put("high", 0.4);

        JsonNode bar = Api.ok("/api/v1/analyses/tornado", request).get("metrics").get(0).get("bars").get(0);

        double atLow = evaluatedCustomerNpv(0.02);
        double atHigh = evaluatedCustomerNpv(0.4);
        assertThat(atHigh).as("the rate matters to the customer").isNotCloseTo(atLow, within(1.0));
        assertThat(bar.get("atLow").doubleValue()).isCloseTo(atLow, within(1e-9 * Math.abs(atLow)));
        assertThat(bar.get("atHigh").doubleValue()).isCloseTo(atHigh, within(1e-9 * Math.abs(atHigh)));
    }

    static void assertSame(double actual, double expected, String what) {
        assertThat(actual).as(what).isCloseTo(expected, within(1e-9 * Math.abs(expected)));
    }

    /** The one variant {@code compare} answers for {@code baseline} with {@code path} set to {@code value}. */
    static JsonNode comparedWith(ObjectNode baseline, String path, double value) {
        ObjectNode request = Fixtures.MAPPER.createObjectNode();
        request.set("baseline", baseline);
        request.putArray("variants").addObject().put("name", "moved").putObject("set").put(path, value);
        var r = Api.post("/api/v1/compare", "application/json", request);
        r.then().statusCode(200);
        return Fixtures.json(r.asString()).get("variants").get(0);
    }

    /** A bridge from {@code baseline} to it with {@code path} set to {@code value}, of {@code metric}. */
    static ObjectNode bridgeSetting(ObjectNode baseline, String path, double value, String metric) {
        ObjectNode request = Fixtures.MAPPER.createObjectNode();
        request.set("baseline", baseline);
        request.putObject("variant").putObject("set").put(path, value);
        request.putArray("metrics").add(metric);
        return request;
    }

    /** The customer's NPV of the supplier's rate drawn 2 % or 40 %, each half the time. */
    static void uncertainRate(ObjectNode request) {
        request.putArray("metrics").add("customerNpv");
        ObjectNode law = request.putArray("levers").addObject().put("path", "supplier.costOfCapital")
                .putObject("distribution").put("type", "discrete");
        law.putArray("values").add(0.02).add(0.4);
        law.putArray("probabilities").add(0.5).add(0.5);
    }

    static ObjectNode spotRequest() {
        ObjectNode request = Fixtures.MAPPER.createObjectNode();
        request.set("scenario", spotDeal(0.095));
        return request;
    }

    @Test
    void aSpiderOnTheSuppliersRateMovesTheCustomersRateLeftOut() {
        ObjectNode request = spotRequest();
        request.putArray("metrics").add("customerNpv");
        request.putObject("changeRange").put("from", -0.5).put("to", 1.0).put("steps", 3);
        request.putArray("levers").add("supplier.costOfCapital");

        JsonNode leg = Api.ok("/api/v1/analyses/spider", request).get("metrics").get(0).get("legs").get(0);
        assertThat(leg.get("values")).hasSize(4);
        for (int k = 0; k < 4; k++) {
            double rate = leg.get("values").get(k).doubleValue();
            assertSame(leg.get("results").get(k).doubleValue(), evaluatedCustomerNpv(rate), "spider at rate " + rate);
        }
    }

    @Test
    void aSweepOfTheSuppliersRateMovesTheCustomersRateLeftOut() {
        ObjectNode request = spotRequest();
        request.putArray("metrics").add("customerNpv");
        request.putArray("levers").addObject().put("path", "supplier.costOfCapital").putArray("values").add(0.02).add(0.4);

        JsonNode rows = Api.ok("/api/v1/analyses/sweep", request).get("rows");
        assertThat(rows).hasSize(2);
        for (JsonNode row : rows) {
            double rate = row.get(0).doubleValue();
            assertSame(row.get(1).doubleValue(), evaluatedCustomerNpv(rate), "sweep at rate " + rate);
        }
    }

    @Test
    void aCompareSetOfTheSuppliersRateMovesTheCustomersRateLeftOut() {
        JsonNode variant = comparedWith(spotDeal(0.095), "supplier.costOfCapital", 0.4);
        assertSame(variant.get("summary").get("customerNpv").doubleValue(), evaluatedCustomerNpv(0.4), "compare set");
    }

    @Test
    void aBridgeSetOfTheSuppliersRateMovesTheCustomersRateLeftOut() {
        ObjectNode request = bridgeSetting(spotDeal(0.095), "supplier.costOfCapital", 0.4, "customerNpv");

        JsonNode waterfall = Api.ok("/api/v1/analyses/bridge", request).get("metrics").get(0);
        assertSame(waterfall.get("baseline").doubleValue(), evaluatedCustomerNpv(0.095), "bridge baseline");
        assertSame(waterfall.get("variant").doubleValue(), evaluatedCustomerNpv(0.4), "bridge variant");
    }

    @Test
    void aGoalSeekOnTheSuppliersRateReportsTheCustomerNpvOfTheRateItFinds() {
        double target = (evaluatedCustomerNpv(0.02) + evaluatedCustomerNpv(0.4)) / 2;
        ObjectNode request = spotRequest();
        request.put("lever", "supplier.costOfCapital").put("metric", "customerNpv").put("target", target)
                .put("lower", 0.02).put("upper", 0.4);

        JsonNode result = Api.ok("/api/v1/analyses/goal-seek", request);
        assertThat(result.get("status").asText()).as("the customer's rate follows the supplier's, so it moves")
                .isEqualTo("reached");
        double rate = result.get("value").doubleValue();
        assertSame(result.get("result").doubleValue(), evaluatedCustomerNpv(rate), "goal seek at its rate");
        assertSame(result.get("atLower").get("result").doubleValue(), evaluatedCustomerNpv(0.02), "goal seek at 2 %");
        assertSame(result.get("atUpper").get("result").doubleValue(), evaluatedCustomerNpv(0.4), "goal seek at 40 %");
    }

    @Test
    void aBreakEvenOfTheSuppliersRateMeasuresTheCustomersRateLeftOut() {
        double threshold = (evaluatedCustomerNpv(0.02) + evaluatedCustomerNpv(0.4)) / 2;
        ObjectNode request = spotRequest();
        request.put("metric", "customerNpv").put("threshold", threshold);
        request.putArray("levers").addObject().put("path", "supplier.costOfCapital").put("lower", 0.02).put("upper", 0.4);

        JsonNode result = Api.ok("/api/v1/analyses/break-even", request);
        assertSame(result.get("base").doubleValue(), evaluatedCustomerNpv(0.095), "break-even base");
        JsonNode rate = result.get("levers").get(0);
        assertThat(rate.get("status").asText()).isEqualTo("reached");
        JsonNode search = rate.get("search");
        assertSame(search.get("atLower").get("result").doubleValue(), evaluatedCustomerNpv(0.02), "break-even at 2 %");
        assertSame(search.get("atUpper").get("result").doubleValue(), evaluatedCustomerNpv(0.4), "break-even at 40 %");
    }

    /**
     * Monte Carlo: the rate drawn from a two-point law, 2 % or 40 %, so every sample's customerNpv is one of the
     * two evaluated figures and the least and greatest of them are those figures exactly.
     */
    @Test
    void aMonteCarloDrawOfTheSuppliersRateMovesTheCustomersRateLeftOut() {
        ObjectNode request = spotRequest();
        request.put("samples", 200).put("seed", 7);
        uncertainRate(request);

        JsonNode summary = Api.ok("/api/v1/analyses/monte-carlo", request).get("metrics").get(0);
        double atLow = evaluatedCustomerNpv(0.02);
        double atHigh = evaluatedCustomerNpv(0.4);
        assertSame(summary.get("min").doubleValue(), Math.min(atLow, atHigh), "least sampled customerNpv");
        assertSame(summary.get("max").doubleValue(), Math.max(atLow, atHigh), "greatest sampled customerNpv");
    }

    /**
     * Morris on 4 levels: grid levels 0, 1/3, 2/3 and 1 read the law's quantiles 0.125, 0.375, 0.625 and 0.875,
     * so of the two-point law 2 %, 2 %, 40 %, 40 %; every step of Δ = 2/3 goes from 2 % to 40 %, and every raw
     * effect is (customerNpv at 40 % − customerNpv at 2 %) / (2/3).
     *
     * Sobol answers only ratios of variances (no sample or base figure), so it has no figure to hold against
     * {@code evaluate}; it reads the rate through the same sampling probe as Monte Carlo and Morris.
     */
    @Test
    void morrisEffectsOfTheSuppliersRateMoveTheCustomersRateLeftOut() {
        ObjectNode request = spotRequest();
        request.put("trajectories", 5).put("levels", 4);
        uncertainRate(request);

        JsonNode effect = Api.ok("/api/v1/analyses/morris", request).get("metrics").get(0).get("effects").get(0);
        double expected = (evaluatedCustomerNpv(0.4) - evaluatedCustomerNpv(0.02)) / (2.0 / 3.0);
        assertThat(effect.get("elementaryEffects")).hasSize(5);
        for (JsonNode e : effect.get("elementaryEffects")) assertSame(e.doubleValue(), expected, "a raw effect");
    }

    /**
     * The optimiser: a menu of the supplier's rate, maximising the customer's NPV. The chosen deal's summary, the
     * engine's objective and the model's (measured through the engine per option) are all the evaluated figure.
     */
    @Test
    void theOptimiserMeasuresTheCustomersRateLeftOutAtEachRateOfAMenu() {
        ObjectNode request = spotRequest();
        request.putObject("objective").put("maximize", "customerNpv");
        request.putArray("decisions").addObject().put("path", "supplier.costOfCapital")
                .putArray("values").add(0.02).add(0.4);

        JsonNode result = Api.ok("/api/v1/optimize", request);
        assertThat(result.get("status").asText()).isEqualTo("optimal");
        double atLow = evaluatedCustomerNpv(0.02);
        double atHigh = evaluatedCustomerNpv(0.4);
        double chosen = result.get("decisions").get(0).get("value").doubleValue();
        assertThat(chosen).as("the rate the customer's NPV is greatest at").isEqualTo(atLow > atHigh ? 0.02 : 0.4);
        double best = Math.max(atLow, atHigh);
        assertSame(result.get("summary").get("customerNpv").doubleValue(), best, "the deal's customerNpv");
        assertSame(result.get("objective").get("engine").doubleValue(), best, "objective.engine");
        assertSame(result.get("objective").get("model").doubleValue(), best, "objective.model");
    }

    // ------------------------------------------------ the contract term left out follows horizon.years

    /** The spot deal without its contract term, so that the term is the whole horizon, over {@code years}. */
    static ObjectNode termLeftOut(int years) {
        ObjectNode scenario = spotDeal(0.095);
        ((ObjectNode) scenario.get("terms")).remove("contractYears");
        ((ObjectNode) scenario.get("horizon")).put("years", years);
        return scenario;
    }

    static double evaluatedNpv(int years) {
        return evaluated(termLeftOut(years), "npv");
    }

    /*
     * horizon.years is a lever only where a scenario is rewritten (compare `set`; bridge refuses a change of shape,
     * below): the engine's
     * analyses (tornado, spider, sweep, goal seek, break-even, Monte Carlo, Sobol, Morris, the optimiser)
     * refuse it by name, as the horizon sets the model's shape, so no default follows it there.
     */
    @Test
    void aCompareSetOfTheHorizonMovesTheContractTermLeftOut() {
        assertThat(evaluatedNpv(3)).as("a longer term matters").isNotCloseTo(evaluatedNpv(1), within(1.0));
        JsonNode variant = comparedWith(termLeftOut(1), "horizon.years", 3);
        assertSame(variant.get("summary").get("npv").doubleValue(), evaluatedNpv(3), "compare set of the horizon");
    }

    /**
     * A bridge attributes a change of numbers between scenarios of one shape, so it cannot move the horizon (nor,
     * with it, the term that follows it): it refuses by name rather than bridging with a stale term.
     */
    @Test
    void aBridgeRefusesToMoveTheHorizonRatherThanKeepTheTermLeftOut() {
        ObjectNode request = bridgeSetting(termLeftOut(1), "horizon.years", 3, "npv");

        var r = Api.post("/api/v1/analyses/bridge", "application/json", request);
        r.then().statusCode(422);
        JsonNode problem = Fixtures.json(r.asString()).get("errors").get(0);
        assertThat(problem.get("pointer").asText()).isEqualTo("/variant/set/horizon.years");
        assertThat(problem.get("message").asText()).contains("the horizon sets the model's shape");
    }
}
