package io.parley.model;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.parley.Fixtures;
import io.parley.engine.CompiledScenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Lever paths: every number in a scenario can be named, set and read back; a bad path says why. */
class LeversTest {

    /** Two products, a two-tier rebate, a service on each side. */
    static final Scenario DEAL = Fixtures.flatDeal(3, 4)
            .withProducts(List.of(Fixtures.product("widgets", 1000, 10, 6), Fixtures.product("gadgets", 500, 20, 15)))
            .withTerms(new Terms(Map.of("widgets", 0.05),
                    new Rebate(RebateBasis.RETROACTIVE, List.of(new RebateTier(0, 0.01), new RebateTier(20000, 0.02))),
                    60, 2, 0.8, List.of(new Service("support", 1000, 1500)), 5000))
            .withBaseline(new Terms(Map.of(), Rebate.NONE, 30, 2, 0.8, List.of(new Service("hotline", 200, 300)), 5000))
            .withCostToServe(new CostToServe(2000, 0.03));

    @ParameterizedTest
    @CsvSource({
            "products[widgets].listPrice, 10, /products/0/listPrice",
            "products[gadgets].unitCost, 15, /products/1/unitCost",
            "products[gadgets].volumeGrowth, 0, /products/1/volumeGrowth",
            "terms.discounts[widgets], 0.05, /terms/discounts/widgets",
            "terms.discounts[gadgets], 0, /terms/discounts/gadgets",
            "baseline.discounts[gadgets], 0, /baseline/discounts/gadgets",
            "terms.rebate.tiers[1].threshold, 20000, /terms/rebate/tiers/1/threshold",
            "terms.rebate.tiers[0].rate, 0.01, /terms/rebate/tiers/0/rate",
            "terms.paymentDays, 60, /terms/paymentDays",
            "baseline.paymentDays, 30, /baseline/paymentDays",
            "terms.contractYears, 2, /terms/contractYears",
            "terms.renewalProbability, 0.8, /terms/renewalProbability",
            "terms.upfrontInvestment, 5000, /terms/upfrontInvestment",
            "terms.services[support].costPerYear, 1000, /terms/services/0/costPerYear",
            "baseline.services[hotline].valuePerYear, 300, /baseline/services/0/valuePerYear",
            "supplier.costOfCapital, 0.1, /supplier/costOfCapital",
            "customer.costOfCapital, 0.1, /customer/costOfCapital",
            "costToServe.fixedPerYear, 2000, /costToServe/fixedPerYear",
            "costToServe.inflation, 0.03, /costToServe/inflation",
            "horizon.years, 3, /horizon/years",
            "horizon.periodsPerYear, 4, /horizon/periodsPerYear",
    })
    void everyNumberCanBeNamedReadAndSet(String path, double current, String pointer) {
        Lever lever = Levers.resolve(path, DEAL);
        assertThat(lever.path()).isEqualTo(path);
        assertThat(lever.pointer()).isEqualTo(pointer);
        assertThat(Levers.valueOf(DEAL, lever)).isEqualTo(current);
        Scenario changed = Levers.apply(DEAL, lever, 2);
        assertThat(Levers.valueOf(changed, Levers.resolve(path, changed))).isEqualTo(2);
        assertThat(Levers.valueOf(DEAL, lever)).as("the original is untouched").isEqualTo(current);
    }

    @Test
    void settingAnAbsentDiscountCreatesIt() {
        Scenario changed = Levers.apply(DEAL, Levers.resolve("terms.discounts[gadgets]", DEAL), 0.07);
        assertThat(changed.terms().discounts()).containsEntry("gadgets", 0.07).containsEntry("widgets", 0.05);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "terms.discounts[widgetz]| no product with id 'widgetz'",
            "products[widgetz].listPrice| no product with id 'widgetz'",
            "terms.discont| no number 'discont' in terms; expected one of paymentDays, contractYears, renewalProbability, upfrontInvestment, discounts, rebate, services",
            "terms.rebate.tiers[2].rate| no rebate tier 2; indexes run 0–1",
            "terms.rebate.tiers[x].rate| 'x' is not a rebate tier index",
            "baseline.rebate.tiers[0].rate| there is no rebate tier",
            "terms.services[vmi].costPerYear| no service with id 'vmi' in terms",
            "products[widgets]| the path stops at 'products', which is not a number",
            "products[widgets].listPrice.x| 'listPrice' is a number; nothing follows it",
            "terms.paymentDays[0]| 'paymentDays' is not a list or map; remove [0]",
            "terms.discounts| 'discounts' needs […] naming a product id, e.g. terms.discounts[widgets]",
            "name| 'name' is text, not a number",
            "volume| no field 'volume' in a scenario; levers start with one of products, terms, baseline, supplier, customer, costToServe, horizon",
            "terms..paymentDays| '' is not a field name with an optional [selector]",
            "baseline.contractYears| baseline.contractYears is ignored by the model (the baseline keeps the terms' contractYears, renewalProbability and upfrontInvestment); vary terms.contractYears",
            // a year picked on a field that does not vary per year, or a year the rate does not have
            "products[widgets].listPrice[year=2]| 'listPrice' is one value for the whole horizon; per contract year vary only the year-on-year rates products[…].volumeGrowth, products[…].priceEscalator, products[…].costInflation and costToServe.inflation",
            "terms.paymentDays[year=2]| 'paymentDays' is not a list or map; remove [year=2]",
            "costToServe.fixedPerYear[year=2]| 'fixedPerYear' is one value for the whole horizon; per contract year vary only the year-on-year rates products[…].volumeGrowth, products[…].priceEscalator, products[…].costInflation and costToServe.inflation",
            "products[widgets].volumeGrowth[year=4]| [year=4] is not a contract year of volumeGrowth; its years run 1–3",
            "products[widgets].volumeGrowth[year=0]| [year=0] is not a contract year of volumeGrowth; its years run 1–3",
            "products[widgets].volumeGrowth[year=two]| [year=two] is not a contract year of volumeGrowth; its years run 1–3",
            "products[widgets].volumeGrowth[2]| 'volumeGrowth' is not a list or map; remove [2], or pick a contract year: volumeGrowth[year=2]",
            "products[widgets].priceEscalator[year=1]| [year=1] is not a contract year of priceEscalator; its years run 2–3 (the list price of year 1 is listPrice; the escalator steps it into years 2 on)",
    })
    void aPathThatNamesNothingSaysWhy(String path, String message) {
        assertThatThrownBy(() -> Levers.resolve(path, DEAL))
                .isInstanceOf(InvalidLeverPathException.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(((InvalidLeverPathException) e).path()).isEqualTo(path));
    }

    @ParameterizedTest
    @CsvSource({
            "products[widgets].volumeGrowth[year=1], products[widgets].volumeGrowth, 1",
            "products[gadgets].priceEscalator[year=2], products[gadgets].priceEscalator, 2",
            "products[gadgets].costInflation[year=3], products[gadgets].costInflation, 3",
            "costToServe.inflation[year=3], costToServe.inflation, 3",
    })
    void aRateCanBeNamedForOneContractYear(String path, String rate, int year) {
        Lever lever = Levers.resolve(path, DEAL);

        assertThat(lever).isInstanceOf(Lever.PerYear.class);
        Lever.PerYear perYear = (Lever.PerYear) lever;
        assertThat(perYear.scenarioRate().path()).isEqualTo(rate);
        assertThat(perYear.year()).isEqualTo(year);
        assertThat(perYear.pointer()).isEqualTo(Levers.resolve(rate, DEAL).pointer());
        // printed as it is read
        assertThat(LeverPath.parse(rate).inYear(year).toString()).isEqualTo(path);
        // the scenario's rate is what a year's rate reads as; a scenario holds no rate per year to set
        assertThat(Levers.valueOf(DEAL, lever)).isEqualTo(Levers.valueOf(DEAL, perYear.scenarioRate()));
        assertThatThrownBy(() -> Levers.apply(DEAL, lever, 0.05)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is varied by the analyses of one scenario");
    }

    @Test
    void wholeNumberLeversRejectFractions() {
        assertThatThrownBy(() -> Levers.apply(DEAL, Levers.resolve("terms.contractYears", DEAL), 2.5))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("/terms/contractYears: 2.5 is not a whole number");
    }

    @Test
    void theHorizonCanBeSetInAScenarioButIsNotASlotOfACompiledOne() {
        Scenario longer = Levers.apply(DEAL, Levers.resolve("horizon.years", DEAL), 5);
        assertThat(longer.horizon().years()).isEqualTo(5);
        CompiledScenario compiled = CompiledScenario.compile(DEAL);
        assertThatThrownBy(() -> compiled.slot("horizon.years"))
                .isInstanceOf(InvalidLeverPathException.class)
                .hasMessageContaining("sets the model's shape");
    }
}
