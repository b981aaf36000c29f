package io.parley.optimize;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.parley.Fixtures;
import io.parley.engine.CompiledScenario;
import io.parley.engine.Line;
import io.parley.engine.Metric;
import io.parley.engine.Report;

import static io.parley.engine.PerYearRatesTest.with;
import static io.parley.optimize.Direct.CUSTOMER_NPV;
import static io.parley.optimize.Direct.NPV;
import static io.parley.optimize.Direct.atLeast;
import static io.parley.optimize.Direct.continuous;
import static io.parley.optimize.Direct.maximise;
import static io.parley.optimize.Direct.menu;
import static io.parley.optimize.Direct.problem;
import static io.parley.optimize.Direct.rel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * A decision on one contract year's rate ({@code products[widgets].priceEscalator[year=3]}), checked against
 * enumeration: a scenario document holds one rate for all years, so the deals are evaluated through the
 * compiled scenario's year slots, each menu option with the discount LP solved from two direct evaluations.
 */
class PerYearDecisionsTest {

    static final String DISCOUNT = "terms.discounts[widgets]";
    static final String STEP_INTO_YEAR_3 = "products[widgets].priceEscalator[year=3]";

    @Test
    void aMenuOfOneYearsEscalatorWithADiscountIsTheEnumeratedBest() {
        // flat deal, three annual years, 30 payment days so the money moves with both decisions
        CompiledScenario c = CompiledScenario.compile(Direct.set(Fixtures.flatDeal(3, 1), "terms.paymentDays", 30))
                .withYearSlots();
        double[] steps = {0, 0.03, 0.06, 0.09};
        double level = 1000;
        DealProblem p = problem(c, List.of(menu(c, STEP_INTO_YEAR_3, steps), continuous(c, DISCOUNT, 0, 0.2)),
                maximise(NPV), atLeast("customer NPV ≥ 1000", CUSTOMER_NPV, level));

        DealOptimizer.Solution sol = DealOptimizer.solve(p);

        // enumeration: for each step, npv and customerNpv are linear in the discount (two evaluations give
        // each line); the least discount meeting the level is the best, since npv falls with the discount
        double best = Double.NEGATIVE_INFINITY, bestStep = Double.NaN, bestDiscount = Double.NaN;
        for (double step : steps) {
            Report r0 = with(c, STEP_INTO_YEAR_3, step, DISCOUNT, 0);
            Report r1 = with(c, STEP_INTO_YEAR_3, step, DISCOUNT, 0.2);
            double c0 = r0.metric(Metric.CUSTOMER_NPV), c1 = r1.metric(Metric.CUSTOMER_NPV);
            double n0 = r0.metric(Metric.NPV), n1 = r1.metric(Metric.NPV);
            double d = c0 >= level ? 0 : 0.2 * (level - c0) / (c1 - c0);
            if (d > 0.2) continue;
            double npv = n0 + (n1 - n0) * d / 0.2;
            if (npv > best) {
                best = npv;
                bestStep = step;
                bestDiscount = d;
            }
        }
        assertThat(sol.status()).isEqualTo(DealOptimizer.Status.OPTIMAL);
        assertThat(sol.decisionValues()[0]).isEqualTo(bestStep);
        assertThat(sol.decisionValues()[1]).isCloseTo(bestDiscount, rel(bestDiscount, 1e-9));
        assertThat(sol.objectiveEngine()).isCloseTo(best, rel(best, 1e-9));
    }

    @Test
    void aContinuousStepIntoOneYearStopsWhereThatYearsRevenueMeetsItsCeilingByHand() {
        // flat deal, three annual years: year 3's list revenue is 1000 × 10 × (1 + e_3) (no step into year 2),
        // so a ceiling of 10,500 on it holds e_3 at 0.05, while npv rises with e_3 and would take the upper bound
        CompiledScenario c = CompiledScenario.compile(Fixtures.flatDeal(3, 1)).withYearSlots();
        DealProblem p = problem(c, List.of(continuous(c, STEP_INTO_YEAR_3, 0, 0.1)), maximise(NPV),
                Direct.atMost("year-3 list revenue ≤ 10,500", new Quantity.OfYear(Line.LIST_REVENUE, 2), 10_500));

        DealOptimizer.Solution sol = DealOptimizer.solve(p);

        // npv = (10,000 − 6,000)(1/1.1 + 1/1.1²) + (10,500 − 6,000)/1.1³ (no terms, no financing)
        double npv = 4000 / 1.1 + 4000 / (1.1 * 1.1) + 4500 / (1.1 * 1.1 * 1.1);
        assertThat(with(c, STEP_INTO_YEAR_3, 0.05).metric(Metric.NPV)).as("the engine agrees with the hand")
                .isCloseTo(npv, rel(npv, 1e-12));
        assertThat(sol.status()).isEqualTo(DealOptimizer.Status.OPTIMAL);
        assertThat(sol.decisionValues()[0]).isCloseTo(0.05, within(1e-9));
        assertThat(sol.objectiveEngine()).isCloseTo(npv, rel(npv, 1e-9));
    }

    @Test
    void aYearsGrowthCompoundedOverTheQuartersIsRefusedByNameAsNotLinear() {
        // quarterly: year 1's volumes are v0 (1 + g_1)^(k/4), and every later year's carry (1 + g_1): not a line in g_1
        CompiledScenario c = CompiledScenario.compile(Fixtures.flatDeal(3, 4)).withYearSlots();
        String growth = "products[widgets].volumeGrowth[year=1]";
        DealProblem p = problem(c, List.of(continuous(c, growth, 0, 0.5)), maximise(NPV),
                Direct.atMost("year-2 list revenue ≤ 12,000", new Quantity.OfYear(Line.LIST_REVENUE, 1), 12_000));

        assertThatThrownBy(() -> DealOptimizer.solve(p)).isInstanceOf(AffineModel.NotLinearException.class)
                .hasMessageContaining("not linear in " + growth).hasMessageContaining("as a menu of values");
    }
}
