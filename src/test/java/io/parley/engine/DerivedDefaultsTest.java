package io.parley.engine;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.parley.Fixtures;
import io.parley.document.ScenarioJson;
import io.parley.model.Levers;
import io.parley.model.Scenario;
import io.parley.model.ScenarioValidator;
import io.parley.model.Violation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Defaults the spec derives from another field (the customer's rate is the supplier's, the contract term is the
 * horizon, the baseline keeps the terms' term, renewal and investment) follow that field when a lever moves it,
 * exactly as if the changed scenario were written afresh. Levers are set the way every analysis sets them: by
 * slot in the compiled parameter vector, and through {@link Levers#apply} where compare and bridge change the
 * scenario itself.
 */
class DerivedDefaultsTest {

    /**
     * Quarterly over four years with payment terms on both sides (so both rates matter), renewal risk (so the
     * term matters) and an investment; no customer block and no contract term: both are derived.
     * Placeholders: supplier rate, horizon years, extra terms fields.
     */
    private static final String LEFT_OUT = """
            {"name": "defaults left out", "currency": "EUR",
             "horizon": {"years": %s, "periodsPerYear": 4},
             "supplier": {"costOfCapital": %s}%s,
             "products": [{"id": "widgets", "baseVolume": 12000, "listPrice": 25, "unitCost": 15, "volumeGrowth": 0.05}],
             "terms": {"discounts": {"widgets": 0.06}, "paymentDays": 60, "renewalProbability": 0.8,
                       "upfrontInvestment": 5000%s},
             "baseline": {"paymentDays": 30}}""";

    private static Scenario read(int years, double supplierRate, String customer, String terms) {
        List<Violation> problems = new ArrayList<>();
        Scenario s = ScenarioJson.read(Fixtures.json(LEFT_OUT.formatted(years, supplierRate, customer, terms)), "", problems);
        assertThat(problems).isEmpty();
        return s;
    }

    private static Scenario leftOut(double supplierRate) {
        return read(4, supplierRate, "", "");
    }

    private static double[] evaluate(CompiledScenario compiled, double[] parameters) {
        double[] out = new double[Metric.count()];
        compiled.newEvaluator().evaluate(parameters, out);
        return out;
    }

    /** Every metric equal to 1e-12 relative (NaN, the spec's null, equal to NaN). */
    private static void assertSameFigures(double[] actual, double[] expected) {
        for (Metric m : Metric.values()) {
            double e = expected[m.ordinal()];
            if (Double.isNaN(e)) {
                assertThat(actual[m.ordinal()]).as(m.apiName).isNaN();
            } else {
                assertThat(actual[m.ordinal()]).as(m.apiName).isCloseTo(e, within(1e-12 * Math.max(1, Math.abs(e))));
            }
        }
    }

    @ParameterizedTest(name = "supplier.costOfCapital → {0}")
    @CsvSource({"-0.5", "0", "0.03", "0.25"})
    void aCustomerRateLeftOutFollowsTheSuppliersSetBySlot(double rate) {
        CompiledScenario compiled = CompiledScenario.compile(leftOut(0.08));
        double[] p = compiled.parameters();
        p[compiled.slot("supplier.costOfCapital")] = rate;

        assertSameFigures(evaluate(compiled, p), CompiledScenario.compile(leftOut(rate)).summary());
    }

    @ParameterizedTest(name = "supplier.costOfCapital → {0}")
    @CsvSource({"-0.5", "0", "0.03", "0.25"})
    void aCustomerRateLeftOutFollowsTheSuppliersSetInTheScenario(double rate) {
        Scenario s = leftOut(0.08);
        Scenario moved = Levers.apply(s, Levers.resolve("supplier.costOfCapital", s), rate);

        assertThat(moved.customerCostOfCapital()).isEqualTo(rate);
        assertSameFigures(CompiledScenario.compile(moved).summary(), CompiledScenario.compile(leftOut(rate)).summary());
    }

    @Test
    void aCustomerRateGivenStaysWhereItIs() {
        Scenario given = read(4, 0.08, ", \"customer\": {\"costOfCapital\": 0.08}", "");
        CompiledScenario compiled = CompiledScenario.compile(given);
        double[] p = compiled.parameters();
        p[compiled.slot("supplier.costOfCapital")] = 0.25;

        assertSameFigures(evaluate(compiled, p), CompiledScenario.compile(
                read(4, 0.25, ", \"customer\": {\"costOfCapital\": 0.08}", "")).summary());
    }

    /** Once a lever sets the customer's rate it is the client's own, whichever lever is set first. */
    @Test
    void aCustomerRateSetByItsOwnLeverNoLongerFollows() {
        CompiledScenario compiled = CompiledScenario.compile(leftOut(0.08));
        double[] expected = CompiledScenario.compile(read(4, 0.25, ", \"customer\": {\"costOfCapital\": 0.08}", "")).summary();
        int supplier = compiled.slot("supplier.costOfCapital");
        int customer = compiled.slot("customer.costOfCapital");

        double[] supplierFirst = compiled.parameters();
        supplierFirst[supplier] = 0.25;
        supplierFirst[customer] = 0.08;
        double[] customerFirst = compiled.parameters();
        customerFirst[customer] = 0.08;
        customerFirst[supplier] = 0.25;

        assertSameFigures(evaluate(compiled, supplierFirst), expected);
        assertSameFigures(evaluate(compiled, customerFirst), expected);
        assertThat(compiled.value(customer)).as("the value analyses report as the lever's base").isEqualTo(0.08);
    }

    /**
     * By hand: one year, 1000 units at 10, paid after 73 days against 0 in the baseline. The customer's only gain
     * is PTV = 10,000 × 73/365 × r_c = 2,000 r_c, discounted one year: customerNpv = 2,000 r_c / (1 + r_c).
     * With the supplier's rate moved from 0.10 to 0.25 and the customer's left out: 2,000 × 0.25 / 1.25 = 400
     * (the original rate would give 2,000 × 0.1 / 1.1 = 181.82).
     */
    @Test
    void customerNpvByHandAfterTheSuppliersRateMoves() {
        List<Violation> problems = new ArrayList<>();
        Scenario s = ScenarioJson.read(Fixtures.json("""
                {"name": "paid late", "currency": "EUR", "horizon": {"years": 1, "periodsPerYear": 1},
                 "supplier": {"costOfCapital": 0.10},
                 "products": [{"id": "widgets", "baseVolume": 1000, "listPrice": 10, "unitCost": 6}],
                 "terms": {"paymentDays": 73}}"""), "", problems);
        CompiledScenario compiled = CompiledScenario.compile(s);
        double[] p = compiled.parameters();
        p[compiled.slot("supplier.costOfCapital")] = 0.25;

        assertThat(evaluate(compiled, p)[Metric.CUSTOMER_NPV.ordinal()]).isCloseTo(400, within(1e-9));
    }

    /** The terms' contract term, renewal and investment stand for the baseline's too (npvBaseline reads them). */
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"terms.contractYears, 2", "terms.renewalProbability, 0.5", "terms.upfrontInvestment, 12000"})
    void theBaselineKeepsTheTermsMovedBySlot(String path, double value) {
        CompiledScenario compiled = CompiledScenario.compile(leftOut(0.08));
        double[] p = compiled.parameters();
        p[compiled.slot(path)] = value;
        String field = path.substring("terms.".length());

        double[] afresh = CompiledScenario.compile(read(4, 0.08, "", ", \"" + field + "\": " + value)).summary();
        assertSameFigures(evaluate(compiled, p), afresh);
        Scenario moved = Levers.apply(leftOut(0.08), Levers.resolve(path, leftOut(0.08)), value);
        assertSameFigures(CompiledScenario.compile(moved).summary(), afresh);
        assertThat(moved.baseline()).isEqualTo(read(4, 0.08, "", ", \"" + field + "\": " + value).baseline());
    }

    /**
     * The horizon sets the model's shape, so only compare and bridge move it, in the scenario: a contract term
     * left out is the new horizon. Shrinking it must not leave a term longer than the horizon (a 422 before).
     */
    @ParameterizedTest(name = "horizon.years → {0}")
    @CsvSource({"2", "6"})
    void aContractTermLeftOutFollowsTheHorizon(int years) {
        Scenario s = leftOut(0.08);
        Scenario moved = Levers.apply(s, Levers.resolve("horizon.years", s), years);

        assertThat(ScenarioValidator.validate(moved)).isEmpty();
        assertThat(moved.terms().contractYears()).isEqualTo(years);
        assertThat(moved).isEqualTo(read(years, 0.08, "", ""));
        assertSameFigures(CompiledScenario.compile(moved).summary(),
                CompiledScenario.compile(read(years, 0.08, "", "")).summary());
    }

    @Test
    void aContractTermGivenStaysWhenTheHorizonGrows() {
        Scenario s = leftOut(0.08);
        Scenario termSet = Levers.apply(s, Levers.resolve("terms.contractYears", s), 4);
        Scenario moved = Levers.apply(termSet, Levers.resolve("horizon.years", termSet), 6);

        assertThat(moved.terms().contractYears()).as("set by a lever, even to the value it had").isEqualTo(4);
        assertThat(moved).isEqualTo(read(6, 0.08, "", ", \"contractYears\": 4"));
    }
}
