package io.parley.plan;

import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules an uploaded period of actuals keeps, at and either side of each edge. */
class ActualRulesTest {

    @Test
    void periodsCountFromOne() {
        assertThat(Actual.problemWithPeriod(1, Set.of())).isEmpty();
        assertThat(Actual.problemWithPeriod(0, Set.of())).hasValue("0 is not a period (1 or more)");
        assertThat(Actual.problemWithPeriod(-3, Set.of())).hasValue("-3 is not a period (1 or more)");
    }

    @Test
    void anUploadGivesEachPeriodOnce() {
        assertThat(Actual.problemWithPeriod(2, Set.of(1, 3))).isEmpty();
        assertThat(Actual.problemWithPeriod(3, Set.of(1, 3))).hasValue("period 3 is given twice");
    }

    @Test
    void amountsAreZeroOrMore() {
        assertThat(Actual.problemWithAmount(0)).isEmpty();
        assertThat(Actual.problemWithAmount(6_300_000.5)).isEmpty();
        assertThat(Actual.problemWithAmount(-0.5)).hasValue("-0.5 is negative; must be ≥ 0");
    }

    @Test
    void unitsAreZeroOrMore() {
        assertThat(Actual.problemWithUnits(0)).isEmpty();
        assertThat(Actual.problemWithUnits(-1)).hasValue("-1.0 units is negative");
    }
}
