package io.parley.model;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.parley.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The scenario rules of the model reference, one test per rule. */
class ScenarioValidatorTest {

    static final Scenario VALID = Fixtures.flatDeal(3, 1);

    static List<String> problems(Scenario s) {
        return ScenarioValidator.validate(s).stream().map(Violation::toString).toList();
    }

    static Scenario withTerms(Map<String, Double> discounts, Rebate rebate, double days, int years, double p,
                              List<Service> services, double investment) {
        return VALID.withTerms(new Terms(discounts, rebate, days, years, p, services, investment));
    }

    @Test
    void aValidScenarioHasNoProblems() {
        assertThat(problems(VALID)).isEmpty();
    }

    @Test
    void horizonYearsRunOneToFifty() {
        assertThat(problems(VALID.withHorizon(new Horizon(0, 1)))).contains("/horizon/years: 0 is outside 1–50");
        assertThat(problems(VALID.withHorizon(new Horizon(51, 1)))).contains("/horizon/years: 51 is outside 1–50");
        assertThat(problems(VALID.withHorizon(new Horizon(50, 12)).withTerms(Terms.listPriceStatusQuo(50)))).isEmpty();
    }

    @Test
    void periodsPerYearAreAnnualQuarterlyOrMonthly() {
        assertThat(problems(VALID.withHorizon(new Horizon(3, 2))))
                .contains("/horizon/periodsPerYear: 2 is not one of 1 (annual), 4 (quarterly), 12 (monthly)");
    }

    @Test
    void ratesMustBeAboveMinusOne() {
        assertThat(problems(VALID.withCostsOfCapital(-1, 0.1)))
                .contains("/supplier/costOfCapital: -1 is not a rate above -1 (−100 %)");
        assertThat(problems(VALID.withCostsOfCapital(-0.99, 0.1))).isEmpty();
    }

    @Test
    void productFiguresMustBeNonNegativeAndFinite() {
        Scenario s = VALID.withProducts(List.of(new Product("widgets", -1, Double.NaN, 6, 0, 0, -2)));
        assertThat(problems(s)).containsExactlyInAnyOrder(
                "/products/0/baseVolume: -1 is negative; must be ≥ 0",
                "/products/0/listPrice: must be a finite number",
                "/products/0/costInflation: -2 is not a rate above -1 (−100 %)");
    }

    @Test
    void productIdsFollowThePatternAndAreUnique() {
        Scenario s = VALID.withProducts(List.of(Fixtures.product("a b", 1, 1, 1), Fixtures.product("x", 1, 1, 1),
                Fixtures.product("x", 1, 1, 1)));
        assertThat(problems(s)).containsExactly(
                "/products/0/id: 'a b' is not a valid product id ([A-Za-z0-9_-], 1–64 characters)",
                "/products/2/id: duplicate product id 'x' (also at /products/1)");
    }

    @Test
    void aScenarioNeedsOneToAThousandProducts() {
        assertThat(problems(VALID.withProducts(List.of()))).contains("/products: has 0 lines; a scenario needs 1–1000");
    }

    @Test
    void discountsAreFractionsBelowOneForKnownProducts() {
        assertThat(problems(withTerms(Map.of("widgets", 1.0), Rebate.NONE, 0, 3, 1, List.of(), 0)))
                .containsExactly("/terms/discounts/widgets: 1 is outside [0, 1); a share of 6 % is 0.06");
        assertThat(problems(withTerms(Map.of("widgetz", 0.06), Rebate.NONE, 0, 3, 1, List.of(), 0)))
                .containsExactly("/terms/discounts/widgetz: no product with id 'widgetz'");
        assertThat(problems(withTerms(Map.of("widgets", 0.0), Rebate.NONE, 0, 3, 1, List.of(), 0))).isEmpty();
    }

    @Test
    void rebateThresholdsAscendStrictlyAndRatesAreFractions() {
        Rebate rebate = new Rebate(RebateBasis.INCREMENTAL, List.of(new RebateTier(100, 0.01),
                new RebateTier(100, 0.02), new RebateTier(50, 1.2)));
        assertThat(problems(withTerms(Map.of(), rebate, 0, 3, 1, List.of(), 0))).containsExactly(
                "/terms/rebate/tiers/1/threshold: 100 is not above the previous tier's threshold 100; thresholds must be strictly ascending",
                "/terms/rebate/tiers/2/threshold: 50 is not above the previous tier's threshold 100; thresholds must be strictly ascending",
                "/terms/rebate/tiers/2/rate: 1.2 is outside [0, 1); a share of 6 % is 0.06");
    }

    @Test
    void paymentDaysRunZeroTo365AndMayBeFractional() {
        assertThat(problems(withTerms(Map.of(), Rebate.NONE, 365.5, 3, 1, List.of(), 0)))
                .containsExactly("/terms/paymentDays: 365.5 is outside 0–365 days");
        assertThat(problems(withTerms(Map.of(), Rebate.NONE, 45.5, 3, 1, List.of(), 0))).isEmpty();
    }

    @Test
    void theTermFitsTheHorizonAndRenewalIsAProbability() {
        assertThat(problems(withTerms(Map.of(), Rebate.NONE, 0, 4, 1.01, List.of(), -5))).containsExactly(
                "/terms/contractYears: 4 is outside 1–3 (horizon.years)",
                "/terms/renewalProbability: 1.01 is not a probability in [0, 1]",
                "/terms/upfrontInvestment: -5 is negative; must be ≥ 0");
    }

    @Test
    void servicesHaveUniqueIdsAndNonNegativeFigures() {
        List<Service> services = List.of(new Service("vmi", 10, 20), new Service("vmi", -1, 20));
        assertThat(problems(withTerms(Map.of(), Rebate.NONE, 0, 3, 1, services, 0))).containsExactly(
                "/terms/services/1/id: duplicate service id 'vmi' (also at /terms/services/0)",
                "/terms/services/1/costPerYear: -1 is negative; must be ≥ 0");
    }

    @Test
    void theBaselineIgnoresTheTermOnlyFields() {
        Scenario s = VALID.withBaseline(new Terms(Map.of(), Rebate.NONE, 30, 99, 7, List.of(), -1));
        assertThat(problems(s)).isEmpty();
        Scenario bad = VALID.withBaseline(new Terms(Map.of("nope", 0.1), Rebate.NONE, 400, 1, 1, List.of(), 0));
        assertThat(problems(bad)).containsExactly("/baseline/discounts/nope: no product with id 'nope'",
                "/baseline/paymentDays: 400 is outside 0–365 days");
    }

    @Test
    void currencyIsAnIsoCodeAndNameIsNotBlank() {
        Scenario s = new Scenario(" ", "", "eur", VALID.horizon(), 0.1, 0.1, VALID.products(), VALID.terms(),
                VALID.baseline(), VALID.costToServe());
        assertThat(problems(s)).containsExactly("/name: must be 1–200 characters, not blank",
                "/currency: 'eur' is not an ISO 4217 code (3 upper-case letters, e.g. EUR)");
    }

    @Test
    void compilingAnInvalidScenarioFailsWithEveryProblem() {
        Scenario s = VALID.withHorizon(new Horizon(0, 5));
        assertThatThrownBy(() -> io.parley.engine.CompiledScenario.compile(s))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).violations()).hasSize(3));
    }
    @Test
    void anIdIsWhatTheIdPatternMatches() {
        // every char up to U+017F, one by one and inside an id, and random strings of every length around the limit
        for (char c = 0; c < 0x180; c++) {
            for (String id : new String[] {String.valueOf(c), "ab" + c + "cd", "x".repeat(63) + c, "x".repeat(64) + c}) {
                assertThat(ScenarioValidator.isId(id)).as("'%s' (U+%04X)", id, (int) c)
                        .isEqualTo(ScenarioValidator.ID.matcher(id).matches());
            }
        }
        java.util.SplittableRandom random = new java.util.SplittableRandom(64);
        String alphabet = "azAZ09_-.é× /\\\"\u0000";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder id = new StringBuilder();
            int length = random.nextInt(0, 70);
            for (int k = 0; k < length; k++) id.append(alphabet.charAt(random.nextInt(random.nextInt(4) == 0 ? alphabet.length() : 8)));
            assertThat(ScenarioValidator.isId(id.toString())).as(id.toString()).isEqualTo(ScenarioValidator.ID.matcher(id).matches());
        }
        assertThat(ScenarioValidator.isId("")).isFalse();
        assertThat(ScenarioValidator.isId("srp-trays_2")).isTrue();
    }
}
