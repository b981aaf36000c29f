package io.parley.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import io.parley.Fixtures;
import io.parley.engine.CompiledScenario;
import io.parley.model.Lever;
import io.parley.model.Scenario;
import io.parley.model.ScenarioValidator;
import io.parley.model.Violation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A lever value is checked against the same rules as the scenario field it sets; the default search bounds
 * of goal seek and break-even are values those rules allow, for every lever of every example scenario.
 */
class BoundLeverTest {

    static final Scenario DEAL = Fixtures.example("industrial-consumables-rebates.json");
    static final CompiledScenario COMPILED = CompiledScenario.compile(DEAL);

    static Optional<String> broken(String path, double value) {
        return BoundLever.bind(COMPILED, path).ruleBrokenBy(COMPILED, value);
    }

    @ParameterizedTest(name = "{0} = {1} breaks ''{2}''")
    @CsvSource(delimiter = '|', value = {
            "terms.discounts[carbide-inserts]    | 1.2      | outside [0, 1)",
            "terms.discounts[carbide-inserts]    | 1        | outside [0, 1)",
            "terms.discounts[carbide-inserts]    | -0.01    | outside [0, 1)",
            "baseline.discounts[cutting-fluid]   | 1.5      | outside [0, 1)",
            "terms.paymentDays                   | 400      | outside 0–365",
            "terms.paymentDays                   | -1       | outside 0–365",
            "baseline.paymentDays                | 366      | outside 0–365",
            "terms.contractYears                 | 2.5      | not a whole number",
            "terms.contractYears                 | 5        | outside 1–4",
            "terms.contractYears                 | 0        | outside 1–4",
            "terms.renewalProbability            | 1.01     | not a probability",
            "terms.rebate.tiers[0].rate          | 1        | outside [0, 1)",
            "terms.rebate.tiers[1].threshold     | -5       | negative",
            "terms.rebate.tiers[1].threshold     | 0        | strictly ascending",
            "products[nitrile-gloves].unitCost   | -0.5     | negative",
            "products[nitrile-gloves].volumeGrowth | -1     | above -1",
            "supplier.costOfCapital              | -1.5     | above -1",
            "costToServe.fixedPerYear            | -100     | negative",
            "terms.upfrontInvestment             | -1       | negative",
            "terms.services[vmi-full].costPerYear | -1      | negative"})
    void outOfRangeValueReportsTheModelsRule(String path, double value, String rule) {
        Optional<String> broken = broken(path, value);

        assertThat(broken).as(path + " = " + value).isPresent();
        assertThat(broken.get()).contains(rule);
        // and the scenario with that value is indeed invalid
        assertThat(invalidity(path, value)).isNotEmpty();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "terms.discounts[carbide-inserts], NaN",
            "terms.discounts[carbide-inserts], Infinity",
            "terms.paymentDays, -Infinity",
            "products[abrasive-discs].listPrice, NaN",
            "terms.contractYears, Infinity"})
    void nonFiniteValueIsNotAFiniteNumber(String path, double value) {
        assertThat(broken(path, value)).hasValueSatisfying(rule -> assertThat(rule).contains("not a finite number"));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
            "terms.discounts[carbide-inserts], 0",
            "terms.discounts[carbide-inserts], 0.5",
            "terms.discounts[carbide-inserts], 0.999999",
            "baseline.discounts[cutting-fluid], 0",
            "terms.paymentDays, 0",
            "terms.paymentDays, 365",
            "terms.paymentDays, 45.5",
            "terms.contractYears, 1",
            "terms.contractYears, 4",
            "terms.renewalProbability, 0",
            "terms.renewalProbability, 1",
            "terms.rebate.tiers[1].threshold, 3000000",
            "terms.rebate.tiers[0].rate, 0",
            "products[nitrile-gloves].unitCost, 0",
            "products[nitrile-gloves].volumeGrowth, -0.99",
            "supplier.costOfCapital, 0",
            "costToServe.inflation, -0.5"})
    void validValueBreaksNoRule(String path, double value) {
        assertThat(broken(path, value)).isEmpty();
        assertThat(invalidity(path, value)).isEmpty();
    }

    @Test
    void raisingATierThresholdAboveTheNextTiersBreaksTheAscendingRule() {
        // tiers are 0, 2 500 000, 3 300 000, 3 800 000: tier 1 at 3 500 000 is no longer below tier 2
        String path = "terms.rebate.tiers[1].threshold";
        assertThat(invalidity(path, 3_500_000)).as("the scenario with that value is invalid").isNotEmpty();

        assertThat(broken(path, 3_500_000)).as(path + " = 3500000").isPresent();
    }

    static List<String> examples() {
        return Fixtures.exampleFiles();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void domainBoundsBreakNoRuleOfTheirLever(String file) {
        Scenario s = Fixtures.example(file);
        CompiledScenario compiled = CompiledScenario.compile(s);
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (String path : compiled.leverPaths()) {
            if (path == null) continue;
            BoundLever lever = BoundLever.bind(compiled, path);
            LeverDomain domain = LeverDomain.of(compiled, lever);
            if (!(domain.lower() <= domain.upper())) wrong.add(path + ": lower " + domain.lower() + " > upper " + domain.upper());
            lever.ruleBrokenBy(compiled, domain.lower()).ifPresent(rule -> wrong.add(path + " lower " + domain.lower() + ": " + rule));
            lever.ruleBrokenBy(compiled, domain.upper()).ifPresent(rule -> wrong.add(path + " upper " + domain.upper() + ": " + rule));
            // the model's own range, which holds a tornado's or spider's relative move: its finite ends are allowed too
            LeverDomain allowed = LeverDomain.allowed(compiled, lever);
            for (double end : new double[] {allowed.lower(), allowed.upper()}) {
                if (Double.isInfinite(end) || lever.lever() instanceof Lever.OfTerms t && t.integral() && end != Math.rint(end)) continue;
                lever.ruleBrokenBy(compiled, end).ifPresent(rule -> wrong.add(path + " allowed end " + end + ": " + rule));
            }
            if (!(allowed.lower() <= domain.lower() && domain.upper() <= allowed.upper())) {
                wrong.add(path + ": searched " + domain + " reaches outside the allowed " + allowed);
            }
            checked++;
        }
        assertThat(checked).isGreaterThan(10);
        assertThat(wrong).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void domainBoundsKeepTheWholeScenarioValid(String file) {
        // stronger than the lever's own rule: the scenario with the bound applied passes every rule of the model
        Scenario s = Fixtures.example(file);
        CompiledScenario compiled = CompiledScenario.compile(s);
        List<String> wrong = new ArrayList<>();
        for (String path : compiled.leverPaths()) {
            if (path == null) continue;
            LeverDomain domain = LeverDomain.of(compiled, BoundLever.bind(compiled, path));
            for (double bound : new double[] {domain.lower(), domain.upper()}) {
                for (Violation v : ScenarioValidator.validate(Plain.set(s, path, bound))) {
                    wrong.add(path + " = " + bound + " → " + v);
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void bindingReadsTheScenariosValueAndSlot() {
        for (String path : COMPILED.leverPaths()) {
            if (path == null) continue;
            BoundLever lever = BoundLever.bind(COMPILED, path);
            assertThat(lever.path()).isEqualTo(path);
            assertThat(lever.baseValue()).as(path).isEqualTo(Plain.valueOf(DEAL, path));
            assertThat(lever.slot()).as(path).isEqualTo(COMPILED.slot(path));
        }
    }

    /** Every rule the scenario breaks with the lever set to {@code value} (a non-whole contract term counts). */
    static List<Violation> invalidity(String path, double value) {
        try {
            return ScenarioValidator.validate(Plain.set(DEAL, path, value));
        } catch (io.parley.model.InvalidInputException e) {
            return e.violations();
        }
    }
}
