package io.parley.document;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.parley.Fixtures;
import io.parley.model.RebateBasis;
import io.parley.model.Scenario;
import io.parley.model.Violation;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading a scenario from JSON: the reference's defaults, strictness, and every problem at once. */
class ScenarioJsonTest {

    static final String MINIMAL = """
            {"name": "minimal", "currency": "EUR", "horizon": {"years": 4, "periodsPerYear": 12},
             "supplier": {"costOfCapital": 0.08},
             "products": [{"id": "widgets", "baseVolume": 1000, "listPrice": 10, "unitCost": 6}],
             "terms": {}}
            """;

    static List<Violation> problems(String json) {
        List<Violation> violations = new ArrayList<>();
        ScenarioJson.read(Fixtures.json(json), "", violations);
        return violations;
    }

    static Scenario read(String json) {
        List<Violation> violations = new ArrayList<>();
        Scenario s = ScenarioJson.read(Fixtures.json(json), "", violations);
        assertThat(violations).isEmpty();
        return s;
    }

    @Test
    void whatAScenarioLeavesOutTakesTheReferenceDefaults() {
        Scenario s = read(MINIMAL);
        assertThat(s.customerCostOfCapital()).as("the customer's defaults to the supplier's").isEqualTo(0.08);
        assertThat(s.terms().contractYears()).as("the term defaults to the horizon").isEqualTo(4);
        assertThat(s.terms().renewalProbability()).isEqualTo(1);
        assertThat(s.terms().paymentDays()).isZero();
        assertThat(s.terms().upfrontInvestment()).isZero();
        assertThat(s.terms().discounts()).isEmpty();
        assertThat(s.terms().rebate().tiers()).isEmpty();
        assertThat(s.terms().services()).isEmpty();
        assertThat(s.baseline().discounts()).isEmpty();
        assertThat(s.baseline().paymentDays()).isZero();
        assertThat(s.costToServe().fixedPerYear()).isZero();
        assertThat(s.products().get(0).volumeGrowth()).isZero();
        assertThat(s.products().get(0).priceEscalator()).isZero();
        assertThat(s.products().get(0).costInflation()).isZero();
    }

    @Test
    void wholeNumbersMayBeWrittenWithADecimalPoint() {
        Scenario s = read(MINIMAL.replace("\"years\": 4", "\"years\": 4.0"));
        assertThat(s.horizon().years()).isEqualTo(4);
        assertThat(problems(MINIMAL.replace("\"years\": 4", "\"years\": 4.5")))
                .extracting(Violation::toString).containsExactly("/horizon/years: 4.5 is not a whole number");
    }

    @Test
    void nullForAnOptionalFieldMeansItsDefaultForARequiredOneItIsMissing() {
        Scenario s = read(MINIMAL.replace("\"terms\": {}", "\"terms\": {\"paymentDays\": null}"));
        assertThat(s.terms().paymentDays()).isZero();
        assertThat(problems(MINIMAL.replace("\"unitCost\": 6", "\"unitCost\": null")))
                .extracting(Violation::toString).containsExactly("/products/0/unitCost: is required");
    }

    @Test
    void aRebateNeedsItsBasisSpelledOut() {
        assertThat(problems(MINIMAL.replace("\"terms\": {}",
                "\"terms\": {\"rebate\": {\"tiers\": [{\"threshold\": 0, \"rate\": 0.01}]}}")))
                .extracting(Violation::toString).containsExactly("/terms/rebate/basis: is required");
        assertThat(problems(MINIMAL.replace("\"terms\": {}",
                "\"terms\": {\"rebate\": {\"basis\": \"retro\", \"tiers\": []}}")))
                .extracting(Violation::toString).containsExactly("/terms/rebate/basis: 'retro' is not one of RETROACTIVE, INCREMENTAL");
        Scenario s = read(MINIMAL.replace("\"terms\": {}",
                "\"terms\": {\"rebate\": {\"basis\": \"INCREMENTAL\", \"tiers\": [{\"threshold\": 0, \"rate\": 0.01}]}}"));
        assertThat(s.terms().rebate().basis()).isEqualTo(RebateBasis.INCREMENTAL);
    }

    @Test
    void theBaselineAcceptsButIgnoresTheTermOnlyFields() {
        Scenario s = read(MINIMAL.replace("\"terms\": {}",
                "\"terms\": {\"contractYears\": 2, \"renewalProbability\": 0.5}, "
                        + "\"baseline\": {\"contractYears\": 1, \"renewalProbability\": 0.1, \"upfrontInvestment\": 9, \"paymentDays\": 30}"));
        assertThat(s.baseline().contractYears()).isEqualTo(2);
        assertThat(s.baseline().renewalProbability()).isEqualTo(0.5);
        assertThat(s.baseline().upfrontInvestment()).isZero();
        assertThat(s.baseline().paymentDays()).isEqualTo(30);
    }

    @Test
    void structuralAndRuleProblemsAreReportedTogetherOncePerField() {
        String json = MINIMAL.replace("\"currency\": \"EUR\"", "\"currency\": 978")
                .replace("\"baseVolume\": 1000", "\"baseVolume\": -5")
                .replace("\"terms\": {}", "\"terms\": {\"paymentDays\": \"sixty\"}, \"extra\": true");
        assertThat(problems(json)).extracting(Violation::toString).containsExactlyInAnyOrder(
                "/extra: unknown field 'extra' in a scenario; expected one of name, description, currency, horizon, supplier, customer, products, terms, baseline, costToServe",
                "/currency: must be a string, got number 978",
                "/terms/paymentDays: must be a number, got string \"sixty\"",
                "/products/0/baseVolume: -5 is negative; must be ≥ 0");
    }

    @Test
    void aBodyThatIsNotAnObjectIsOneProblem() {
        assertThat(problems("[1, 2]")).extracting(Violation::toString)
                .containsExactly(": a scenario must be a JSON object, got an array");
    }

    @Test
    void theNormalisedFormReadsBackToTheSameScenario() {
        for (String file : Fixtures.exampleFiles()) {
            Scenario s = Fixtures.example(file);
            String normalised = ScenarioJson.write(s, Fixtures.MAPPER).toString();
            assertThat(read(normalised)).as(file).isEqualTo(s);
            assertThat(ScenarioJson.hash(read(normalised), Fixtures.MAPPER)).isEqualTo(ScenarioJson.hash(s, Fixtures.MAPPER));
        }
    }
}
