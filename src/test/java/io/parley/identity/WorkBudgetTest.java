package io.parley.identity;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The token bucket over work units. A budget of 1,000 units a minute refills 1 unit every 60 ms, so
 * every figure below is worked out by hand from that rate.
 */
class WorkBudgetTest {

    private static final long MINUTE = 60_000;
    private static final long T0 = 1_000_000;

    private final WorkBudget budget = new WorkBudget(1_000, MINUTE, T0);

    @Test
    void aNewBudgetIsFullAndABurstMaySpendAllOfItAtOnce() {
        WorkBudget.Decision first = budget.take(600, T0);
        assertThat(first.admitted()).isTrue();
        assertThat(first.remaining()).isEqualTo(400);
        // 600 units missing refill in 600 × 60 ms = 36 s
        assertThat(first.resetSeconds()).isEqualTo(36);
        assertThat(first.capacity()).isEqualTo(1_000);
        assertThat(first.windowSeconds()).isEqualTo(60);

        WorkBudget.Decision rest = budget.take(400, T0);
        assertThat(rest.admitted()).isTrue();
        assertThat(rest.remaining()).isZero();
        assertThat(rest.resetSeconds()).isEqualTo(60);
    }

    @Test
    void anEmptyBudgetRefusesAndSaysWhenTheRequestWouldFit() {
        budget.take(1_000, T0);
        WorkBudget.Decision refused = budget.take(250, T0);
        assertThat(refused.outcome()).isEqualTo(WorkBudget.Outcome.OVER_BUDGET);
        // 250 units refill in 250 × 60 ms = 15 s
        assertThat(refused.retryAfterSeconds()).isEqualTo(15);
        assertThat(refused.remaining()).isZero();
        // a single unit refills in 60 ms: Retry-After is whole seconds, so 1
        assertThat(budget.take(1, T0).retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void aRefusedRequestTakesNothing() {
        budget.take(900, T0);
        assertThat(budget.take(101, T0).admitted()).isFalse();
        WorkBudget.Decision fits = budget.take(100, T0);
        assertThat(fits.admitted()).isTrue();
        assertThat(fits.remaining()).isZero();
    }

    @Test
    void theBudgetRefillsEvenlyOverTheMinute() {
        budget.take(1_000, T0);
        // after 30 s half the budget is back: 500 units, not 501
        assertThat(budget.take(501, T0 + 30_000).outcome()).isEqualTo(WorkBudget.Outcome.OVER_BUDGET);
        WorkBudget.Decision half = budget.take(500, T0 + 30_000);
        assertThat(half.admitted()).isTrue();
        assertThat(half.remaining()).isZero();
        // 6 s later, 100 units
        assertThat(budget.take(100, T0 + 36_000).admitted()).isTrue();
    }

    @Test
    void anIdleBudgetRefillsNoFurtherThanFull() {
        budget.take(1_000, T0);
        WorkBudget.Decision later = budget.take(0, T0 + 10 * MINUTE);
        assertThat(later.remaining()).isEqualTo(1_000);
        assertThat(later.resetSeconds()).isZero();
        assertThat(budget.take(1_001, T0 + 10 * MINUTE).admitted()).isFalse();
        assertThat(budget.isFull(T0 + 10 * MINUTE)).isTrue();
    }

    @Test
    void aRequestLargerThanTheWholeBudgetIsNeverAdmittedAndTakesNothing() {
        WorkBudget.Decision tooLarge = budget.take(1_001, T0);
        assertThat(tooLarge.outcome()).isEqualTo(WorkBudget.Outcome.LARGER_THAN_BUDGET);
        assertThat(tooLarge.retryAfterSeconds()).isZero();
        assertThat(tooLarge.remaining()).isEqualTo(1_000);
        // exactly the whole budget fits a full one
        assertThat(budget.take(1_000, T0).admitted()).isTrue();
    }

    @Test
    void unitsGivenBackAreThereAgainButNeverPastFull() {
        budget.take(700, T0);
        budget.giveBack(700, T0);
        assertThat(budget.isFull(T0)).isTrue();
        budget.giveBack(500, T0);
        assertThat(budget.take(1_001, T0).outcome()).isEqualTo(WorkBudget.Outcome.LARGER_THAN_BUDGET);
        assertThat(budget.take(1_000, T0).admitted()).isTrue();
    }

    @Test
    void aClockThatGoesBackAddsNothing() {
        budget.take(1_000, T0);
        assertThat(budget.take(1, T0 - 30_000).admitted()).isFalse();
        // time resumes from where it was: 30 s after T0, 500 units
        assertThat(budget.take(500, T0 + 30_000).admitted()).isTrue();
    }

    @Test
    void budgetsAndCostsOutsideTheirRangesAreRefused() {
        assertThatThrownBy(() -> new WorkBudget(0, MINUTE, T0)).hasMessageContaining("at least 1 unit");
        assertThatThrownBy(() -> new WorkBudget(10, 1_500, T0)).hasMessageContaining("whole number of seconds");
        assertThatThrownBy(() -> budget.take(-1, T0)).hasMessageContaining("≥ 0");
    }
}
