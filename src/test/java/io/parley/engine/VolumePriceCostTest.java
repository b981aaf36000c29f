package io.parley.engine;

import org.junit.jupiter.api.Test;

import io.parley.Fixtures;
import io.parley.model.RebateBasis;

import static io.parley.engine.Hand.exact;
import static io.parley.engine.Hand.flat;
import static io.parley.engine.Hand.deal;
import static io.parley.engine.Hand.product;
import static io.parley.engine.Hand.widgets;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spec "Per period t, per product l": v_l(t) = baseVolume / ppy × (1 + g_v)^τ, P_l(t) = listPrice × (1 + g_p)^y,
 * c_l(t) = unitCost × (1 + g_c)^τ, LR = v × P, DS = LR × d, NR = LR − DS, COGS = v × c; and the per-product table.
 * With list price 1 and no discount, LR(t) shows v(t); with list price 1 and unit cost 1, COGS(t) shows v(t) × c(t).
 */
class VolumePriceCostTest {

    // 1.4641 = 1.1^4, so a quarterly horizon grows by exactly 1.1 a quarter
    static final double G_QUARTER_TENTH = 0.4641;

    @Test
    void volumeGrowsEveryQuarterWithExponentTau() {
        Report r = deal(2, 4).with(product("widgets", 1000, 1, 0, G_QUARTER_TENTH, 0, 0)).report();

        // v(0) = 1000 / 4 × 1.4641^0 = 250
        assertThat(r.period(Line.LIST_REVENUE, 0)).isCloseTo(250, exact(250));
        // v(1) = 1000 / 4 × 1.4641^(1/4) = 250 × 1.1 = 275
        assertThat(r.period(Line.LIST_REVENUE, 1)).isCloseTo(275, exact(275));
        // v(3) = 250 × 1.1^3 = 332.75
        assertThat(r.period(Line.LIST_REVENUE, 3)).isCloseTo(332.75, exact(332.75));
        // v(4) = 250 × 1.4641^(4/4) = 366.025: a full year of growth
        assertThat(r.period(Line.LIST_REVENUE, 4)).isCloseTo(366.025, exact(366.025));
        // v(7) = 250 × 1.1^7 = 250 × 1.9487171 = 487.179275
        assertThat(r.period(Line.LIST_REVENUE, 7)).isCloseTo(487.179275, exact(487.179275));
        for (int t = 0; t < 8; t++) {
            // v(t) = 1000 / 4 × 1.4641^(t / 4), the spec's formula term by term
            double v = 1000.0 / 4 * Math.pow(1.4641, t / 4.0);
            assertThat(r.period(Line.LIST_REVENUE, t)).as("v(%d)", t).isCloseTo(v, exact(v));
        }
        // Σ v = 250 × (1.1^8 − 1) / 0.1 = 2500 × (2.14358881 − 1) = 2858.972025
        assertThat(r.products().volume(0)).isCloseTo(2858.972025, exact(2858.972025));
    }

    @Test
    void eachProductsVolumePerPeriodIsReported() {
        Report r = deal(2, 4).with(product("widgets", 1000, 1, 0, G_QUARTER_TENTH, 0, 0))
                .with(product("gadgets", 400, 1, 0, 0, 0, 0)).report();

        // widgets: v(0) = 250, v(1) = 275, v(4) = 366.025 (as above); gadgets: 400 / 4 = 100 every quarter
        assertThat(r.products().volume(0, 0)).isCloseTo(250, exact(250));
        assertThat(r.products().volume(0, 1)).isCloseTo(275, exact(275));
        assertThat(r.products().volume(0, 4)).isCloseTo(366.025, exact(366.025));
        for (int t = 0; t < 8; t++) assertThat(r.products().volume(1, t)).as("gadgets v(%d)", t).isCloseTo(100, exact(100));
        // the periods sum to the horizon's total per product
        double widgets = 0;
        for (int t = 0; t < 8; t++) widgets += r.products().volume(0, t);
        assertThat(widgets).isCloseTo(2858.972025, exact(2858.972025));
    }

    @Test
    void volumeGrowsEveryMonthWithExponentTau() {
        Report r = deal(2, 12).with(product("widgets", 1200, 1, 0, 0.12, 0, 0)).report();

        // v(0) = 1200 / 12 = 100
        assertThat(r.period(Line.LIST_REVENUE, 0)).isCloseTo(100, exact(100));
        // v(6) = 100 × 1.12^(6/12) = 100 × √1.12
        double v6 = 100 * Math.sqrt(1.12);
        assertThat(r.period(Line.LIST_REVENUE, 6)).isCloseTo(v6, exact(v6));
        // v(12) = 100 × 1.12^1 = 112
        assertThat(r.period(Line.LIST_REVENUE, 12)).isCloseTo(112, exact(112));
        for (int t = 0; t < 24; t++) {
            // v(t) = 100 × 1.12^(t / 12)
            double v = 100 * Math.pow(1.12, t / 12.0);
            assertThat(r.period(Line.LIST_REVENUE, t)).as("v(%d)", t).isCloseTo(v, exact(v));
        }
    }

    @Test
    void annualVolumeGrowsOncePerYear() {
        Report r = deal(3, 1).with(product("widgets", 1000, 1, 0, 0.1, 0, 0)).report();

        // v(0) = 1000, v(1) = 1000 × 1.1 = 1100, v(2) = 1000 × 1.21 = 1210
        assertThat(r.period(Line.LIST_REVENUE, 0)).isCloseTo(1000, exact(1000));
        assertThat(r.period(Line.LIST_REVENUE, 1)).isCloseTo(1100, exact(1100));
        assertThat(r.period(Line.LIST_REVENUE, 2)).isCloseTo(1210, exact(1210));
        // Σ v = 1000 + 1100 + 1210 = 3310
        assertThat(r.products().volume(0)).isCloseTo(3310, exact(3310));
    }

    @Test
    void listPriceEscalatesOnlyAtAnniversaries() {
        Report r = deal(3, 4).with(product("widgets", 400, 10, 0, 0, 0.05, 0)).report();

        // v(t) = 400 / 4 = 100; P(t) = 10 × 1.05^y(t)
        for (int t = 0; t < 4; t++) {
            // y = 0: LR = 100 × 10 = 1000 in every quarter of year 1
            assertThat(r.period(Line.LIST_REVENUE, t)).as("LR(%d)", t).isCloseTo(1000, exact(1000));
        }
        for (int t = 4; t < 8; t++) {
            // y = 1: LR = 100 × 10 × 1.05 = 1050
            assertThat(r.period(Line.LIST_REVENUE, t)).as("LR(%d)", t).isCloseTo(1050, exact(1050));
        }
        // y = 2: LR = 100 × 10 × 1.05² = 1102.5
        assertThat(r.period(Line.LIST_REVENUE, 8)).isCloseTo(1102.5, exact(1102.5));
        // year table: 4 × 1000 = 4000, 4 × 1050 = 4200, 4 × 1102.5 = 4410
        assertThat(r.year(Line.LIST_REVENUE, 0)).isCloseTo(4000, exact(4000));
        assertThat(r.year(Line.LIST_REVENUE, 1)).isCloseTo(4200, exact(4200));
        assertThat(r.year(Line.LIST_REVENUE, 2)).isCloseTo(4410, exact(4410));
    }

    @Test
    void unitCostInflatesEveryPeriod() {
        Report r = deal(2, 4).with(product("widgets", 400, 10, 6, 0, 0, G_QUARTER_TENTH)).report();

        // v = 100 a quarter; c(t) = 6 × 1.4641^(t/4) = 6 × 1.1^t; COGS(t) = 600 × 1.1^t
        // COGS(0) = 600
        assertThat(r.period(Line.COGS, 0)).isCloseTo(600, exact(600));
        // COGS(1) = 600 × 1.1 = 660: cost moves within the year, unlike the list price
        assertThat(r.period(Line.COGS, 1)).isCloseTo(660, exact(660));
        // COGS(2) = 600 × 1.21 = 726
        assertThat(r.period(Line.COGS, 2)).isCloseTo(726, exact(726));
        // COGS(4) = 600 × 1.4641 = 878.46
        assertThat(r.period(Line.COGS, 4)).isCloseTo(878.46, exact(878.46));
        // year 1: 600 × (1 + 1.1 + 1.21 + 1.331) = 600 × 4.641 = 2784.6
        assertThat(r.year(Line.COGS, 0)).isCloseTo(2784.6, exact(2784.6));
        // while LR stays 100 × 10 = 1000 in every quarter
        assertThat(r.period(Line.LIST_REVENUE, 5)).isCloseTo(1000, exact(1000));
    }

    @Test
    void cogsIsVolumeTimesUnitCostWhenBothGrow() {
        Report r = deal(1, 4).with(product("widgets", 1000, 10, 6, G_QUARTER_TENTH, 0, G_QUARTER_TENTH)).report();

        // v(t) = 250 × 1.1^t, c(t) = 6 × 1.1^t, COGS(t) = 1500 × 1.21^t
        // COGS(2) = 1500 × 1.4641 = 2196.15
        assertThat(r.period(Line.COGS, 2)).isCloseTo(2196.15, exact(2196.15));
        // COGS(3) = 1500 × 1.771561 = 2657.3415
        assertThat(r.period(Line.COGS, 3)).isCloseTo(2657.3415, exact(2657.3415));
    }

    @Test
    void discountComesOffListRevenue() {
        Report r = flat(1, 1).discount("widgets", 0.06).report();

        // LR = 1000 × 10 = 10000
        assertThat(r.metric(Metric.LIST_REVENUE)).isCloseTo(10000, exact(10000));
        // DS = 10000 × 0.06 = 600
        assertThat(r.metric(Metric.DISCOUNT)).isCloseTo(600, exact(600));
        // NR = 1000 × 10 × (1 − 0.06) = 9400
        assertThat(r.metric(Metric.NET_REVENUE)).isCloseTo(9400, exact(9400));
        // COGS = 1000 × 6 = 6000, untouched by the discount
        assertThat(r.metric(Metric.COGS)).isCloseTo(6000, exact(6000));
    }

    @Test
    void productAbsentFromDiscountsPaysListPrice() {
        Report r = flat(1, 1).with(Fixtures.product("gadgets", 500, 4, 1)).discount("widgets", 0.06).report();

        // gadgets: LR = 500 × 4 = 2000, DS = 0 (no discount named), NR = 2000
        assertThat(r.products().listRevenue(1)).isCloseTo(2000, exact(2000));
        assertThat(r.products().discount(1)).isZero();
        assertThat(r.products().netRevenue(1)).isCloseTo(2000, exact(2000));
        // totals: LR = 10000 + 2000 = 12000, DS = 600 + 0 = 600, NR = 9400 + 2000 = 11400
        assertThat(r.metric(Metric.LIST_REVENUE)).isCloseTo(12000, exact(12000));
        assertThat(r.metric(Metric.DISCOUNT)).isCloseTo(600, exact(600));
        assertThat(r.metric(Metric.NET_REVENUE)).isCloseTo(11400, exact(11400));
    }

    @Test
    void productTableHasEveryLinePerProduct() {
        Report r = deal(2, 1)
                .with(product("widgets", 1000, 10, 6, 0.1, 0.05, 0.02))
                .with(Fixtures.product("gadgets", 200, 50, 20))
                .discount("widgets", 0.1)
                .rebate(RebateBasis.RETROACTIVE, 0, 0.02)
                .report();
        ProductTable p = r.products();

        // widgets year 1: v = 1000, P = 10, c = 6 → LR 10000, DS 1000, NR 9000, COGS 6000
        // widgets year 2: v = 1100, P = 10.5, c = 6.12 → LR 11550, DS 1155, NR 10395, COGS 6732
        // volume = 1000 + 1100 = 2100
        assertThat(p.volume(0)).isCloseTo(2100, exact(2100));
        // LR = 10000 + 11550 = 21550
        assertThat(p.listRevenue(0)).isCloseTo(21550, exact(21550));
        // DS = 1000 + 1155 = 2155
        assertThat(p.discount(0)).isCloseTo(2155, exact(2155));
        // NR = 9000 + 10395 = 19395
        assertThat(p.netRevenue(0)).isCloseTo(19395, exact(19395));
        // S_0 = 9000 + 10000 = 19000, S_1 = 10395 + 10000 = 20395, both ≥ 0 → e = 0.02; RB = 0.02 × 19395 = 387.9
        assertThat(p.rebate(0)).isCloseTo(387.9, exact(387.9));
        // COGS = 6000 + 6732 = 12732
        assertThat(p.cogs(0)).isCloseTo(12732, exact(12732));
        // GM = 19395 − 387.9 − 12732 = 6275.1
        assertThat(p.grossMargin(0)).isCloseTo(6275.1, exact(6275.1));

        // gadgets each year: v = 200, LR = NR = 200 × 50 = 10000, COGS = 200 × 20 = 4000
        assertThat(p.volume(1)).isCloseTo(400, exact(400));
        assertThat(p.listRevenue(1)).isCloseTo(20000, exact(20000));
        assertThat(p.discount(1)).isZero();
        assertThat(p.netRevenue(1)).isCloseTo(20000, exact(20000));
        // RB = 0.02 × 20000 = 400
        assertThat(p.rebate(1)).isCloseTo(400, exact(400));
        assertThat(p.cogs(1)).isCloseTo(8000, exact(8000));
        // GM = 20000 − 400 − 8000 = 11600
        assertThat(p.grossMargin(1)).isCloseTo(11600, exact(11600));

        // the table's rows add up to the totals: GM = 6275.1 + 11600 = 17875.1
        assertThat(r.metric(Metric.GROSS_MARGIN)).isCloseTo(17875.1, exact(17875.1));
        // RB = 387.9 + 400 = 787.9
        assertThat(r.metric(Metric.REBATE)).isCloseTo(787.9, exact(787.9));
    }

    @Test
    void zeroBaseVolumeProductIsAllZerosNotNaN() {
        Report r = deal(2, 4).with(widgets())
                .with(product("ghost", 0, 10, 5, 0.5, 0.1, 0.1))
                .discount("ghost", 0.2)
                .rebate(RebateBasis.RETROACTIVE, 0, 0.02)
                .report();
        ProductTable p = r.products();

        // v_ghost(t) = 0 / 4 × 1.5^τ = 0, so every product line is 0 × something = 0
        assertThat(p.volume(1)).isZero();
        assertThat(p.listRevenue(1)).isZero();
        assertThat(p.discount(1)).isZero();
        assertThat(p.netRevenue(1)).isZero();
        assertThat(p.rebate(1)).isZero();
        assertThat(p.cogs(1)).isZero();
        assertThat(p.grossMargin(1)).isZero();
        // the totals are the widgets' alone: LR = NR = 2 × 10000 = 20000, COGS = 2 × 6000 = 12000
        assertThat(r.metric(Metric.NET_REVENUE)).isCloseTo(20000, exact(20000));
        assertThat(r.metric(Metric.COGS)).isCloseTo(12000, exact(12000));
        // RB = 0.02 × 20000 = 400
        assertThat(r.metric(Metric.REBATE)).isCloseTo(400, exact(400));
        // no summary metric is null: NR − RB > 0, concession > 0 (the baseline has no rebate), years = 2
        for (Metric m : Metric.values()) {
            assertThat(r.metric(m)).as(m.apiName).isNotNaN();
        }
    }

    @Test
    void onlyZeroVolumeProductsGiveZeroRevenueAndCostNotNaN() {
        Report r = deal(2, 4).with(product("ghost", 0, 10, 5, 0.5, 0.1, 0.1)).discount("ghost", 0.2)
                .rebate(RebateBasis.RETROACTIVE, 0, 0.02).report();

        for (Line line : new Line[] {Line.LIST_REVENUE, Line.DISCOUNT, Line.NET_REVENUE, Line.REBATE,
                Line.REBATE_RATE, Line.COGS, Line.GROSS_MARGIN}) {
            for (int t = 0; t < 8; t++) {
                // v = 0 → LR = DS = NR = COGS = 0; S_y = 0 → e_y = 0 → RB = 0; GM = 0 − 0 − 0
                assertThat(r.period(line, t)).as("%s(%d)", line, t).isZero();
            }
        }
    }

    @Test
    void zeroListPriceGivesNoRevenueButStillCosts() {
        Report r = flat(1, 1).with(Fixtures.product("freebie", 100, 0, 3)).discount("freebie", 0.2).report();
        ProductTable p = r.products();

        // freebie: v = 100, LR = 100 × 0 = 0, DS = 0 × 0.2 = 0, NR = 0
        assertThat(p.volume(1)).isCloseTo(100, exact(100));
        assertThat(p.listRevenue(1)).isZero();
        assertThat(p.discount(1)).isZero();
        assertThat(p.netRevenue(1)).isZero();
        assertThat(p.rebate(1)).isZero();
        // COGS = 100 × 3 = 300, GM = 0 − 0 − 300 = −300
        assertThat(p.cogs(1)).isCloseTo(300, exact(300));
        assertThat(p.grossMargin(1)).isCloseTo(-300, exact(-300));
        // totals: GM = (10000 − 6000) + (−300) = 3700
        assertThat(r.metric(Metric.GROSS_MARGIN)).isCloseTo(3700, exact(3700));
    }
}
