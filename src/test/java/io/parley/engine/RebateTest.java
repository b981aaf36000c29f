package io.parley.engine;

import org.junit.jupiter.api.Test;

import io.parley.Fixtures;
import io.parley.model.RebateBasis;
import io.parley.model.RebateSchedule;

import static io.parley.engine.Hand.deal;
import static io.parley.engine.Hand.exact;
import static io.parley.engine.Hand.product;
import static io.parley.model.RebateBasis.INCREMENTAL;
import static io.parley.model.RebateBasis.RETROACTIVE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spec "Rebate": S_y = Σ NR(t) over the year; RETROACTIVE pays the highest reached tier's rate on all of S_y;
 * INCREMENTAL pays each tier's rate on the slice inside it; e_y = rebate_y / S_y (0 when S_y = 0);
 * RB(t) = NR(t) × e_y and RB_l(t) = NR_l(t) × e_y.
 */
class RebateTest {

    /** Tiers used throughout: from 5000 1 %, from 10000 2 %, from 20000 3 %. */
    static final double[] TIERS = {5000, 0.01, 10000, 0.02, 20000, 0.03};

    /** The rebate on one year whose net spend is {@code spend}: base volume spend / 10 at a list price of 10. */
    static Report oneYear(RebateBasis basis, double spend) {
        return deal(1, 1).with(Fixtures.product("widgets", spend / 10, 10, 6)).rebate(basis, TIERS).report();
    }

    @Test
    void retroactiveRateAppliesToAllSpendOnceThresholdReached() {
        Report r = oneYear(RETROACTIVE, 12000);

        // S = 12000: highest tier with threshold ≤ 12000 is 10000 (2 %) → 0.02 × 12000 = 240
        assertThat(r.metric(Metric.REBATE)).isCloseTo(240, exact(240));
        // e = 240 / 12000 = 0.02
        assertThat(r.year(Line.REBATE_RATE, 0)).isCloseTo(0.02, exact(0.02));
    }

    @Test
    void retroactiveSpendExactlyOnThresholdReachesTheTier() {
        // S = 10000 = threshold of tier 2: 10000 ≤ 10000 → 0.02 × 10000 = 200
        assertThat(oneYear(RETROACTIVE, 10000).metric(Metric.REBATE)).isCloseTo(200, exact(200));
        // S = 5000 = first threshold → 0.01 × 5000 = 50
        assertThat(oneYear(RETROACTIVE, 5000).metric(Metric.REBATE)).isCloseTo(50, exact(50));
    }

    @Test
    void retroactiveSpendBelowFirstThresholdEarnsNothing() {
        Report r = oneYear(RETROACTIVE, 4000);

        // S = 4000 < 5000: no tier reached → 0
        assertThat(r.metric(Metric.REBATE)).isZero();
        assertThat(r.year(Line.REBATE_RATE, 0)).isZero();
    }

    @Test
    void retroactiveTopTierIsOpenEnded() {
        // S = 25000 ≥ 20000 → 0.03 × 25000 = 750
        assertThat(oneYear(RETROACTIVE, 25000).metric(Metric.REBATE)).isCloseTo(750, exact(750));
    }

    @Test
    void incrementalEachTierPaysOnItsOwnSlice() {
        Report r = oneYear(INCREMENTAL, 25000);

        // 0.01 × (10000 − 5000) + 0.02 × (20000 − 10000) + 0.03 × (25000 − 20000) = 50 + 200 + 150 = 400
        assertThat(r.metric(Metric.REBATE)).isCloseTo(400, exact(400));
        // e = 400 / 25000 = 0.016
        assertThat(r.year(Line.REBATE_RATE, 0)).isCloseTo(0.016, exact(0.016));
    }

    @Test
    void incrementalSpendBetweenTiersFillsOnlyTheTiersBelow() {
        // S = 12000: 0.01 × (10000 − 5000) + 0.02 × (12000 − 10000) + 0.03 × max(0, 12000 − 20000)
        //          = 50 + 40 + 0 = 90
        assertThat(oneYear(INCREMENTAL, 12000).metric(Metric.REBATE)).isCloseTo(90, exact(90));
    }

    @Test
    void incrementalSpendExactlyOnThresholdStartsNoSliceYet() {
        // S = 10000: 0.01 × (10000 − 5000) + 0.02 × max(0, 10000 − 10000) = 50
        assertThat(oneYear(INCREMENTAL, 10000).metric(Metric.REBATE)).isCloseTo(50, exact(50));
    }

    @Test
    void incrementalFirstThresholdAboveZeroLeavesTheSpendBelowItUnrebated() {
        // S = 7000: 0.01 × (7000 − 5000) = 20; the first 5000 earns nothing
        assertThat(oneYear(INCREMENTAL, 7000).metric(Metric.REBATE)).isCloseTo(20, exact(20));
        // S = 4000 < 5000 → 0
        assertThat(oneYear(INCREMENTAL, 4000).metric(Metric.REBATE)).isZero();
    }

    @Test
    void effectiveRateIsSetPerContractYear() {
        Report r = deal(2, 1).with(product("widgets", 1000, 10, 6, 0.5, 0, 0))
                .rebate(RETROACTIVE, 10000, 0.02, 15000, 0.04).report();

        // S_0 = 1000 × 10 = 10000 → 2 %; S_1 = 1500 × 10 = 15000 → 4 %
        assertThat(r.year(Line.REBATE_RATE, 0)).isCloseTo(0.02, exact(0.02));
        assertThat(r.year(Line.REBATE_RATE, 1)).isCloseTo(0.04, exact(0.04));
        // RB_0 = 0.02 × 10000 = 200, RB_1 = 0.04 × 15000 = 600
        assertThat(r.year(Line.REBATE, 0)).isCloseTo(200, exact(200));
        assertThat(r.year(Line.REBATE, 1)).isCloseTo(600, exact(600));
        // total 200 + 600 = 800
        assertThat(r.metric(Metric.REBATE)).isCloseTo(800, exact(800));
    }

    @Test
    void tierIsReachedOnTheYearsSpendNotEachPeriods() {
        Report r = deal(1, 4).with(Fixtures.product("widgets", 4000, 10, 6)).rebate(RETROACTIVE, 30000, 0.05).report();

        // NR(t) = 1000 × 10 = 10000 a quarter, below 30000, but S_0 = 4 × 10000 = 40000 ≥ 30000 → e = 0.05
        for (int t = 0; t < 4; t++) {
            // RB(t) = 10000 × 0.05 = 500
            assertThat(r.period(Line.REBATE, t)).as("RB(%d)", t).isCloseTo(500, exact(500));
        }
        // 0.05 × 40000 = 2000
        assertThat(r.metric(Metric.REBATE)).isCloseTo(2000, exact(2000));
    }

    @Test
    void periodRebateIsPeriodNetRevenueTimesTheYearsEffectiveRate() {
        // 1.4641 = 1.1^4: NR(t) = 4000 / 4 × 10 × 1.1^t = 10000 × 1.1^t
        Report r = deal(2, 4).with(product("widgets", 4000, 10, 6, 0.4641, 0, 0))
                .rebate(INCREMENTAL, 0, 0.01, 50000, 0.03).report();

        // S_0 = 10000 × (1 + 1.1 + 1.21 + 1.331) = 46410 < 50000 → rebate_0 = 0.01 × 46410 = 464.1, e_0 = 0.01
        assertThat(r.year(Line.REBATE, 0)).isCloseTo(464.1, exact(464.1));
        assertThat(r.year(Line.REBATE_RATE, 0)).isCloseTo(0.01, exact(0.01));
        // RB(2) = NR(2) × e_0 = 12100 × 0.01 = 121
        assertThat(r.period(Line.REBATE, 2)).isCloseTo(121, exact(121));
        // S_1 = 46410 × 1.4641 = 67948.881
        // rebate_1 = 0.01 × 50000 + 0.03 × (67948.881 − 50000) = 500 + 538.46643 = 1038.46643
        assertThat(r.year(Line.REBATE, 1)).isCloseTo(1038.46643, exact(1038.46643));
        // e_1 = 1038.46643 / 67948.881
        double e1 = 1038.46643 / 67948.881;
        assertThat(r.year(Line.REBATE_RATE, 1)).isCloseTo(e1, exact(e1));
        assertThat(r.period(Line.REBATE_RATE, 5)).isCloseTo(e1, exact(e1));
        // RB(5) = NR(5) × e_1 = 10000 × 1.1^5 × e_1 = 16105.1 × e_1
        double rb5 = 16105.1 * e1;
        assertThat(r.period(Line.REBATE, 5)).isCloseTo(rb5, exact(rb5));
    }

    @Test
    void productShareOfRebateIsItsNetRevenueTimesTheYearsRate() {
        Report r = deal(1, 1).with(Fixtures.product("widgets", 1000, 10, 6)).with(Fixtures.product("gadgets", 400, 10, 6))
                .discount("widgets", 0.4).rebate(RETROACTIVE, 10000, 0.05).report();

        // NR_widgets = 1000 × 10 × 0.6 = 6000, NR_gadgets = 400 × 10 = 4000, S = 10000 → 5 % (on the threshold)
        // RB = 0.05 × 10000 = 500
        assertThat(r.metric(Metric.REBATE)).isCloseTo(500, exact(500));
        // RB_widgets = 6000 × 0.05 = 300
        assertThat(r.products().rebate(0)).isCloseTo(300, exact(300));
        // RB_gadgets = 4000 × 0.05 = 200
        assertThat(r.products().rebate(1)).isCloseTo(200, exact(200));
    }

    @Test
    void productShareUsesEachYearsOwnRate() {
        Report r = deal(2, 1).with(product("widgets", 1000, 10, 6, 0.5, 0, 0)).with(Fixtures.product("gadgets", 100, 10, 6))
                .rebate(RETROACTIVE, 11000, 0.02, 16000, 0.04).report();

        // S_0 = 10000 + 1000 = 11000 → 2 %; S_1 = 15000 + 1000 = 16000 → 4 %
        // RB_widgets = 10000 × 0.02 + 15000 × 0.04 = 200 + 600 = 800
        assertThat(r.products().rebate(0)).isCloseTo(800, exact(800));
        // RB_gadgets = 1000 × 0.02 + 1000 × 0.04 = 20 + 40 = 60
        assertThat(r.products().rebate(1)).isCloseTo(60, exact(60));
    }

    @Test
    void yearWithoutSpendHasRateZero() {
        for (RebateBasis basis : RebateBasis.values()) {
            Report r = deal(2, 4).with(Fixtures.product("widgets", 1000, 0, 6)).rebate(basis, 0, 0.05).report();
            for (int y = 0; y < 2; y++) {
                // S_y = 1000 × 0 = 0 → e_y = 0 (not 0 / 0)
                assertThat(r.year(Line.REBATE_RATE, y)).as("%s e_%d", basis, y).isZero();
                assertThat(r.year(Line.REBATE, y)).as("%s RB_%d", basis, y).isZero();
            }
            assertThat(r.metric(Metric.REBATE)).isZero();
        }
    }

    @Test
    void noTiersNoRebate() {
        Report r = Hand.flat(2, 1).report();

        // Rebate.NONE → rebate_y = 0, e_y = 0
        assertThat(r.metric(Metric.REBATE)).isZero();
        assertThat(r.year(Line.REBATE_RATE, 1)).isZero();
    }

    // --- RebateSchedule, the formula on flat storage ---

    @Test
    void scheduleReadsTiersFromFlatStorageAtOffset() {
        double[] flat = {99, 0.99, 5000, 0.01, 10000, 0.02, 20000, 0.03};

        // RETROACTIVE S = 12000 → 0.02 × 12000 = 240
        assertThat(RebateSchedule.rebate(RETROACTIVE, flat, 2, 3, 12000)).isCloseTo(240, exact(240));
        // INCREMENTAL S = 12000 → 0.01 × 5000 + 0.02 × 2000 = 90
        assertThat(RebateSchedule.rebate(INCREMENTAL, flat, 2, 3, 12000)).isCloseTo(90, exact(90));
    }

    @Test
    void scheduleLastCountedTierIsOpenEnded() {
        double[] flat = {5000, 0.01, 10000, 0.02, 20000, 0.03};

        // count = 2 ignores the 20000 tier: INCREMENTAL 25000 → 0.01 × 5000 + 0.02 × (25000 − 10000) = 50 + 300 = 350
        assertThat(RebateSchedule.rebate(INCREMENTAL, flat, 0, 2, 25000)).isCloseTo(350, exact(350));
        // RETROACTIVE 25000 with 2 tiers → 0.02 × 25000 = 500
        assertThat(RebateSchedule.rebate(RETROACTIVE, flat, 0, 2, 25000)).isCloseTo(500, exact(500));
    }

    @Test
    void scheduleRetroactiveAndIncrementalAgreeWithASingleTierFromZero() {
        double[] flat = {0, 0.04};

        // one tier from 0: both bases pay 0.04 × 8000 = 320
        assertThat(RebateSchedule.rebate(RETROACTIVE, flat, 0, 1, 8000)).isCloseTo(320, exact(320));
        assertThat(RebateSchedule.rebate(INCREMENTAL, flat, 0, 1, 8000)).isCloseTo(320, exact(320));
    }

    @Test
    void scheduleWithoutTiersOrSpendPaysNothing() {
        double[] flat = {0, 0.04};

        // no tiers → 0
        assertThat(RebateSchedule.rebate(RETROACTIVE, flat, 0, 0, 8000)).isZero();
        assertThat(RebateSchedule.rebate(INCREMENTAL, flat, 0, 0, 8000)).isZero();
        // S = 0 → 0 even with a tier from 0
        assertThat(RebateSchedule.rebate(RETROACTIVE, flat, 0, 1, 0)).isZero();
        assertThat(RebateSchedule.rebate(INCREMENTAL, flat, 0, 1, 0)).isZero();
    }

    @Test
    void rebateRecordAppliesTheScheduleFormula() {
        // INCREMENTAL 25000 → 50 + 200 + 150 = 400; RETROACTIVE 25000 → 750; RETROACTIVE 4000 → 0
        assertThat(Hand.rebate(INCREMENTAL, TIERS).rebateOn(25000)).isCloseTo(400, exact(400));
        assertThat(Hand.rebate(RETROACTIVE, TIERS).rebateOn(25000)).isCloseTo(750, exact(750));
        assertThat(Hand.rebate(RETROACTIVE, TIERS).rebateOn(4000)).isZero();
    }
}
