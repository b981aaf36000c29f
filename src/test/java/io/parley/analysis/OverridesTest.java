package io.parley.analysis;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.parley.Fixtures;
import io.parley.engine.Metric;
import io.parley.model.Levers;
import io.parley.model.Scenario;

import static io.parley.analysis.Plain.same;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A variant given as overrides holds when the whole variant does, whatever each value would do alone
 * to the baseline; a rule broken is pinned on the one value that breaks it alone, if there is one.
 * The example's terms tiers stand at 0, 2.5 M, 3.3 M and 3.8 M.
 */
class OverridesTest {

    static final Scenario DEAL = Fixtures.example("industrial-consumables-rebates.json");
    static final String TIER_1 = "terms.rebate.tiers[1].threshold";
    static final String TIER_2 = "terms.rebate.tiers[2].threshold";

    static Overrides.Value value(String path, double value) {
        return new Overrides.Value(path, Levers.resolve(path, DEAL), value);
    }

    @Test
    void thresholdsSetPastEachOtherHoldWhenTheVariantsTiersAscend() {
        // 2.5 M → 3.5 M passes tier 2's 3.3 M alone; with tier 2 at 3.6 M the tiers read 0, 3.5 M, 3.6 M, 3.8 M
        Overrides.Applied applied = Overrides.apply(DEAL, List.of(value(TIER_1, 3_500_000), value(TIER_2, 3_600_000)));

        assertThat(applied.valid()).isTrue();
        assertThat(Plain.valueOf(applied.variant(), TIER_1)).isEqualTo(3_500_000);
        assertThat(Plain.valueOf(applied.variant(), TIER_2)).isEqualTo(3_600_000);
        // the same deal reached through valid deals only: tier 2 first, then tier 1
        double npv = Plain.metric(Plain.set(DEAL, TIER_2, 3_600_000, TIER_1, 3_500_000), Metric.NPV);
        assertThat(Plain.metric(applied.variant(), Metric.NPV)).isCloseTo(npv, same(npv));
    }

    @Test
    void thresholdsFineAloneThatCrossTogetherBreakTheVariantAsAWhole() {
        // 3.2 M is below tier 2's 3.3 M and 2.9 M above tier 1's 2.5 M; together tier 2 (2.9 M) < tier 1 (3.2 M)
        Overrides.Applied applied = Overrides.apply(DEAL, List.of(value(TIER_1, 3_200_000), value(TIER_2, 2_900_000)));

        assertThat(applied.breaches()).hasSize(1);
        assertThat(applied.breaches().get(0).violation().pointer()).isEqualTo("/terms/rebate/tiers/2/threshold");
        assertThat(applied.breaches().get(0).culprit()).as("neither value breaks it alone").isEmpty();
    }

    @Test
    void aValueThatBreaksItsRuleAloneIsTheCulprit() {
        Overrides.Value share = value("terms.discounts[carbide-inserts]", 1.5);
        Overrides.Applied applied = Overrides.apply(DEAL, List.of(value(TIER_1, 3_500_000), value(TIER_2, 3_600_000), share));

        assertThat(applied.breaches()).hasSize(1);
        assertThat(applied.breaches().get(0).culprit()).contains(share);
        assertThat(applied.breaches().get(0).violation().message()).contains("1.5 is outside [0, 1)");
    }

    @Test
    void twoPathsForOneNumberAreABreach() {
        Overrides.Value again = value("terms.discounts[carbide-inserts]", 0.07);
        Overrides.Applied applied = Overrides.apply(DEAL, List.of(value("terms.discounts[carbide-inserts]", 0.06), again));

        assertThat(applied.breaches()).extracting(Overrides.Breach::culprit).containsExactly(java.util.Optional.of(again));
        assertThat(applied.breaches().get(0).violation().message()).isEqualTo("sets the same number as another path in this variant");
    }

    @Test
    void everyBrokenRuleIsReportedAtOnceAFractionOfAYearAmongThem() {
        Overrides.Value years = value("terms.contractYears", 2.5);
        Overrides.Value days = value("terms.paymentDays", 400);
        Overrides.Applied applied = Overrides.apply(DEAL, List.of(years, days));

        assertThat(applied.breaches()).extracting(b -> b.violation().message())
                .containsExactly("2.5 is not a whole number", "400 is outside 0–365 days");
        assertThat(applied.breaches()).extracting(b -> b.culprit().orElseThrow()).containsExactly(years, days);
    }
}
