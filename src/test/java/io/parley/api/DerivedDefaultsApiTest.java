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
 * customer cost of capital, so the customer's rate is the supplier's; a tornado that moves the supplier's rate
 * must give the customerNpv that {@code evaluate} gives for the scenario written with that rate.
 */
@QuarkusTest
class DerivedDefaultsApiTest {

    static final String FILE = "single-year-spot.json";

    static ObjectNode spotDeal(double supplierRate) {
        ObjectNode scenario = (ObjectNode) Fixtures.json(Fixtures.exampleText(FILE));
        ((ObjectNode) scenario.get("supplier")).put("costOfCapital", supplierRate);
        return scenario;
    }

    static double evaluatedCustomerNpv(double supplierRate) {
        ObjectNode request = spotDeal(supplierRate);
        return Api.ok("/api/v1/evaluate", request).get("summary").get("customerNpv").doubleValue();
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
}
