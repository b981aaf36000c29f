package io.parley.engine;

import org.junit.jupiter.api.Test;

import io.parley.model.InvalidLeverPathException;

import static io.parley.engine.Hand.deal;
import static io.parley.engine.Hand.exact;
import static io.parley.engine.Hand.product;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A year-on-year rate set for one contract year (docs/model.md, "Rates per contract year"): the spec compounds
 * g_v, g_c and g_f every period from t = 0, so the rate of year y carries the figure through the periods of year
 * y, v(t) = v(0) × Π_{k < y(t)} (1 + g_v,k) × (1 + g_v,y(t))^(τ − y(t)); the escalator steps the price into year
 * y, P_y = listPrice × Π_{k = 2…y} (1 + g_p,k). A year that is not set keeps the scenario's rate, and a scenario
 * compiled with year slots but none set evaluates exactly as without them.
 */
public class PerYearRatesTest {

    /** The report of {@code compiled} with each (lever path, value) pair set by its slot. */
    public static Report with(CompiledScenario compiled, Object... pathValuePairs) {
        double[] p = compiled.parameters();
        for (int i = 0; i < pathValuePairs.length; i += 2) {
            p[compiled.slot((String) pathValuePairs[i])] = ((Number) pathValuePairs[i + 1]).doubleValue();
        }
        return compiled.newEvaluator().report(p);
    }

    @Test
    void volumeCompoundsEachQuarterAtItsOwnYearsRate() {
        // quarterly, list price 1, no cost: LR(t) shows v(t); the scenario's growth 0.1 is replaced in years 1 and 2
        CompiledScenario compiled = CompiledScenario.compile(deal(3, 4).with(product("widgets", 1000, 1, 0, 0.1, 0, 0)).build()).withYearSlots();
        // 1.4641 = 1.1^4 and 1.21550625 = 1.05^4: a quarter grows by 1.1 in year 1 and by 1.05 in year 2
        Report r = with(compiled, "products[widgets].volumeGrowth[year=1]", 0.4641,
                "products[widgets].volumeGrowth[year=2]", 0.21550625);

        double[] v = {
                250, 275, 302.5, 332.75,                                   // 1000/4 × 1.1^k
                366.025, 384.32625, 403.5425625, 423.719690625,            // 250 × 1.4641 × 1.05^k
                444.90567515625, 0, 0, 0};                                 // 366.025 × 1.21550625 × 1.1^(k/4)
        for (int k = 1; k < 4; k++) v[8 + k] = 444.90567515625 * Math.pow(1.1, k / 4.0); // year 3 keeps g_v = 0.1
        for (int t = 0; t < 12; t++) {
            assertThat(r.period(Line.LIST_REVENUE, t)).as("v(%d)", t).isCloseTo(v[t], exact(v[t]));
        }
    }

    @Test
    void escalatorStepsThePriceIntoEachYearByThatYearsRate() {
        // annual, 100 units at list 10, escalator 0.03 replaced by 0.10 into year 2 and 0.05 into year 3
        CompiledScenario compiled = CompiledScenario.compile(deal(3, 1).with(product("widgets", 100, 10, 0, 0, 0.03, 0)).build()).withYearSlots();
        Report r = with(compiled, "products[widgets].priceEscalator[year=2]", 0.10,
                "products[widgets].priceEscalator[year=3]", 0.05);

        // P = 10, 10 × 1.1 = 11, 11 × 1.05 = 11.55; LR = 100 × P
        assertThat(r.year(Line.LIST_REVENUE, 0)).isCloseTo(1000, exact(1000));
        assertThat(r.year(Line.LIST_REVENUE, 1)).isCloseTo(1100, exact(1100));
        assertThat(r.year(Line.LIST_REVENUE, 2)).isCloseTo(1155, exact(1155));
    }

    @Test
    void unitCostAndCostToServeInflateByEachYearsRate() {
        // annual, 100 units costing 6; F = 1000; inflation 0.1 in year 1 and 0.2 in year 2, year 3's unused
        CompiledScenario compiled = CompiledScenario.compile(deal(3, 1).with(product("widgets", 100, 10, 6, 0, 0, 0.5))
                .costToServe(1000, 0.5).build()).withYearSlots();
        Report r = with(compiled, "products[widgets].costInflation[year=1]", 0.1,
                "products[widgets].costInflation[year=2]", 0.2,
                "costToServe.inflation[year=1]", 0.1, "costToServe.inflation[year=2]", 0.2);

        // c = 6, 6 × 1.1 = 6.6, 6.6 × 1.2 = 7.92; COGS = 100 × c
        assertThat(r.year(Line.COGS, 0)).isCloseTo(600, exact(600));
        assertThat(r.year(Line.COGS, 1)).isCloseTo(660, exact(660));
        assertThat(r.year(Line.COGS, 2)).isCloseTo(792, exact(792));
        // F = 1000, 1100, 1320
        assertThat(r.year(Line.COST_TO_SERVE, 0)).isCloseTo(1000, exact(1000));
        assertThat(r.year(Line.COST_TO_SERVE, 1)).isCloseTo(1100, exact(1100));
        assertThat(r.year(Line.COST_TO_SERVE, 2)).isCloseTo(1320, exact(1320));
    }

    @Test
    void yearSlotsLeftAloneChangeNotOneBit() {
        CompiledScenario plain = LeverSlotsTest.COMPILED;
        CompiledScenario withYears = plain.withYearSlots();

        assertThat(withYears.summary()).isEqualTo(plain.summary());
        // a rate moved in its own slot still moves every year that follows it
        double[] p = plain.parameters();
        double[] q = withYears.parameters();
        p[plain.slot("products[gadgets].costInflation")] = 0.07;
        q[withYears.slot("products[gadgets].costInflation")] = 0.07;
        assertThat(evaluate(withYears, q)).isEqualTo(evaluate(plain, p));
    }

    @Test
    void everyYearSetToTheScenariosRateGivesTheScalarFiguresExactly() {
        // the quarterly three-year deal with every lever kind: each rate moved as a whole, or year by year to the same value
        CompiledScenario plain = LeverSlotsTest.COMPILED;
        CompiledScenario withYears = plain.withYearSlots();
        double[] scalar = plain.parameters();
        double[] perYear = withYears.parameters();
        String[] rates = {"products[widgets].volumeGrowth", "products[gadgets].priceEscalator",
                "products[widgets].costInflation", "costToServe.inflation"};
        double[] values = {0.12, 0.045, 0.025, 0.05};
        for (int i = 0; i < rates.length; i++) {
            scalar[plain.slot(rates[i])] = values[i];
            int first = rates[i].contains("priceEscalator") ? 2 : 1;
            for (int year = first; year <= 3; year++) perYear[withYears.slot(rates[i] + "[year=" + year + "]")] = values[i];
        }

        assertThat(evaluate(withYears, perYear)).isEqualTo(evaluate(plain, scalar));
    }

    @Test
    void aYearSlotReadsAsTheScenariosRateUntilSet() {
        CompiledScenario withYears = LeverSlotsTest.COMPILED.withYearSlots();
        int slot = withYears.slot("products[widgets].volumeGrowth[year=2]");

        assertThat(withYears.value(slot)).isEqualTo(0.1);
        assertThat(withYears.leverPaths()[slot]).isEqualTo("products[widgets].volumeGrowth[year=2]");
        assertThat(withYears.leverPaths()[withYears.slot("costToServe.inflation[year=3]")])
                .isEqualTo("costToServe.inflation[year=3]");
    }

    @Test
    void aScenarioCompiledWithoutYearSlotsRefusesAYearsRate() {
        assertThatThrownBy(() -> LeverSlotsTest.COMPILED.slot("products[widgets].volumeGrowth[year=2]"))
                .isInstanceOf(InvalidLeverPathException.class).hasMessageContaining("not here");
    }

    private static double[] evaluate(CompiledScenario compiled, double[] p) {
        double[] out = new double[Metric.count()];
        compiled.newEvaluator().evaluate(p, out);
        return out;
    }
}
