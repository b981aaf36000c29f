package io.parley.analysis;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.parley.engine.Metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * Sobol indices and Morris effects of named groups of levers against closed forms. A group moves as one
 * factor: for a response linear in independent levers, a group's S = ST = Σ_{j∈G} a_j² Var(x_j) / Σ_j a_j²
 * Var(x_j), and its elementary effect is the sum of its levers' changes over their scaled ranges, in every
 * trajectory (σ = 0). For listRevenue = V × P a group of both explains all the variance, interaction
 * included (S = ST = 1), where the two alone explain S_V + S_P = 0.9375.
 */
class GroupedSensitivityTest {

    private static final ExecutorService ONE = Executors.newSingleThreadExecutor();

    @AfterAll
    static void stop() {
        ONE.shutdown();
    }

    @Test
    void aGroupOfTwoLinearLeversHasTheSumOfTheirSharesAsItsIndices() {
        List<MonteCarlo.Uncertain> levers = SobolIndicesTest.linearLevers(); // investment, fixed, customer rate
        Groups groups = Groups.of(levers, Arrays.asList("capital", null, "capital"));
        assertThat(groups.names()).containsExactly("capital", SobolIndicesTest.FIXED);
        assertThat(groups.members()).isDeepEqualTo(new int[][] {{0, 2}, {1}});

        // slopes and variances as SobolIndicesTest works them: npv = c − aI × investment − aF × fixed
        double annuity = 0;
        for (int t = 0; t < 12; t++) annuity += Math.pow(1.1, -(t + 1) / 4.0);
        double aI = Math.pow(1.1, -0.25);
        double aF = annuity / 4;
        double vI = aI * aI * 10_000.0 * 10_000 / 12;
        double vF = aF * aF * (2_000.0 * 2_000 + 10_000.0 * 10_000 - 2_000.0 * 10_000) / 18;
        double sCapital = vI / (vI + vF); // the customer's rate does not enter npv

        SobolIndices.Result r = SobolIndices.run(SobolIndicesTest.COMPILED_3, levers, groups, List.of(Metric.NPV),
                4096, 17, 0.95, false, ONE).get(0);
        assertThat(r.indices()).extracting(SobolIndices.Index::lever).containsExactly("capital", SobolIndicesTest.FIXED);
        Map<String, SobolIndices.Index> ix = SobolIndicesTest.byLever(r);
        SobolIndicesTest.assertKnown(ix.get("capital"), sCapital, sCapital, 0.02);
        SobolIndicesTest.assertKnown(ix.get(SobolIndicesTest.FIXED), 1 - sCapital, 1 - sCapital, 0.02);
    }

    @Test
    void aGroupOfBothFactorsOfAProductExplainsItsInteractionToo() {
        List<MonteCarlo.Uncertain> levers = SobolIndicesTest.productLevers(); // volume, price, unit cost
        Groups groups = Groups.of(levers, Arrays.asList("deal size", "deal size", null));
        SobolIndices.Result r = SobolIndices.run(SobolIndicesTest.COMPILED_1, levers, groups,
                List.of(Metric.LIST_REVENUE), 4096, 5, 0.95, true, ONE).get(0);
        Map<String, SobolIndices.Index> ix = SobolIndicesTest.byLever(r);
        // V × P moves only with the group: A_B(group) is B wherever the metric can see, so S = ST = 1
        SobolIndicesTest.assertKnown(ix.get("deal size"), 1, 1, 0.02);
        SobolIndices.Index none = ix.get(SobolIndicesTest.UNIT_COST);
        assertThat(new double[] {none.first(), none.total()}).containsOnly(0.0);
        // one pair of groups, with nothing to share between them
        assertThat(r.pairs()).hasSize(1);
        assertThat(r.pairs().get(0).first()).isEqualTo("deal size");
        assertThat(r.pairs().get(0).index()).isCloseTo(0, within(0.02));
    }

    @Test
    void aGroupsElementaryEffectIsTheSumOfItsLeversChangesInEveryTrajectory() {
        List<MonteCarlo.Uncertain> levers = MorrisTest.linearLevers(); // customer rate, investment, fixed, unit cost
        Groups groups = Groups.of(levers, Arrays.asList(null, "investment", "costs", "costs"));
        List<Morris.Result> results = Morris.run(MorrisTest.COMPILED_3, levers, groups, List.of(Metric.NPV),
                MorrisTest.TRAJECTORIES, MorrisTest.LEVELS, 3, Morris.DEFAULT_RESAMPLES, 0.95);
        Map<String, Morris.Effect> e = MorrisTest.byLever(results.get(0));
        assertThat(e).containsOnlyKeys(MorrisTest.CUSTOMER_RATE, "investment", "costs");

        double costs = MorrisTest.scaledRangeChange(MorrisTest.THREE_YEARS, Metric.NPV, levers.get(2))
                + MorrisTest.scaledRangeChange(MorrisTest.THREE_YEARS, Metric.NPV, levers.get(3));
        double investment = MorrisTest.scaledRangeChange(MorrisTest.THREE_YEARS, Metric.NPV, levers.get(1));
        // by hand (MorrisTest): −(annuity/4 × 5,000 + 250 × annuity × 2) × 3/4 for the costs
        double annuity = 0;
        for (int t = 0; t < 12; t++) annuity += Math.pow(1.1, -(t + 1) / 4.0);
        assertThat(costs).isCloseTo(-(annuity / 4 * 5_000 + 250 * annuity * 2) * 0.75, within(1e-6));
        for (var want : Map.of("costs", costs, "investment", investment, MorrisTest.CUSTOMER_RATE, 0.0).entrySet()) {
            Morris.Effect ef = e.get(want.getKey());
            double tolerance = 1e-9 * Math.abs(want.getValue()) + 1e-9;
            assertThat(ef.elementaryEffects()).as(want.getKey()).hasSize(MorrisTest.TRAJECTORIES)
                    .allSatisfy(v -> assertThat(v).isCloseTo(want.getValue(), within(tolerance)));
            assertThat(ef.mu()).isCloseTo(want.getValue(), within(tolerance));
            assertThat(ef.sigma()).isCloseTo(0, within(tolerance));
            // every resample of equal effects has the same μ*: no width at all
            assertThat(ef.muStarConf()).isCloseTo(0, within(tolerance));
        }
    }

    @Test
    void aNameGivenToAGroupAndToALeverOutsideItIsRefused() {
        List<MonteCarlo.Uncertain> levers = MorrisTest.linearLevers();
        assertThatThrownBy(() -> Groups.of(levers, Arrays.asList(null, MorrisTest.CUSTOMER_RATE, null, null)))
                .hasMessageContaining("names a group and a lever outside it");
        assertThatThrownBy(() -> Groups.of(levers, Arrays.asList(MorrisTest.INVESTMENT, null, null, null)))
                .hasMessageContaining("names a group and a lever outside it");
    }
}
