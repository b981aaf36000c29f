package io.parley.analysis;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.parley.Fixtures;
import io.parley.engine.CompiledScenario;
import io.parley.engine.Metric;
import io.parley.model.Scenario;

import static io.parley.analysis.Plain.assertSame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Grids and sweeps: ranges with both ends exact, nested-loop order, overflow-safe sizes, shards that partition
 * the grid, sharded sweeps that add up to the whole sweep, and every swept point a plain evaluation.
 */
class GridAndSweepTest {

    static final Scenario DEAL = Fixtures.example("industrial-consumables-rebates.json");
    static final CompiledScenario COMPILED = CompiledScenario.compile(DEAL);
    static final String DISCOUNT = "terms.discounts[carbide-inserts]";
    static final String DAYS = "terms.paymentDays";
    static final List<Metric> METRICS = List.of(Metric.NPV, Metric.CONTRIBUTION_MARGIN_PCT, Metric.REBATE);
    static final double[] DISCOUNTS = {0.04, 0.06, 0.08, 0.10, 0.12};
    static final double[] DAY_VALUES = {30, 60, 90};

    /** 5 discounts × 3 payment terms = 15 points. */
    static Grid grid() {
        return new Grid(List.of(BoundLever.bind(COMPILED, DISCOUNT), BoundLever.bind(COMPILED, DAYS)),
                List.of(DISCOUNTS, DAY_VALUES));
    }

    record Row(long index, double[] levers, double[] metrics) {
    }

    static List<Row> sweep(Grid grid, long from, long to) {
        List<Row> rows = new ArrayList<>();
        try {
            long n = Sweep.run(COMPILED, grid, METRICS, from, to,
                    (index, levers, metrics) -> rows.add(new Row(index, levers.clone(), metrics.clone())));
            assertThat(n).isEqualTo(to - from);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return rows;
    }

    // --- Grid.range ---

    @Test
    void rangeHasStepsPlusOneValuesAndEndsExactlyAtFromAndTo() {
        double[][] cases = {
                {0.04, 0.09, 5}, {0, 0.1, 3}, {0.1, 0.5, 3}, {0.05, 0.15, 10}, {60, 120, 6}, {-0.2, 0.2, 4},
                {0.1, 0.3, 7}, {9.8, 11.76, 12}, {0.7, 0.1, 3}, {1, 2, 1}, {0.3, 0.9, 41}, {1e-3, 0.5, 24}};
        List<String> wrong = new ArrayList<>();
        for (double[] c : cases) {
            double from = c[0];
            double to = c[1];
            int steps = (int) c[2];
            double[] v = Grid.range(from, to, steps);
            String what = "range(" + from + ", " + to + ", " + steps + ")";
            if (v.length != steps + 1) wrong.add(what + " has " + v.length + " values");
            if (v[0] != from) wrong.add(what + " starts at " + v[0]);
            if (v[v.length - 1] != to) wrong.add(what + " ends at " + v[v.length - 1]);
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void aRangeIsOneStepOrMore() {
        assertThat(Grid.problemWithSteps(1)).isEmpty();
        assertThat(Grid.problemWithSteps(40)).isEmpty();
        assertThat(Grid.problemWithSteps(0)).hasValue("0 is not a number of steps (1 or more)");
        assertThat(Grid.problemWithSteps(-2)).hasValue("-2 is not a number of steps (1 or more)");
    }

    @Test
    void rangeFourHundredthsToNineHundredthsInFiveStepsHitsEightHundredthsExactly() {
        // 0.04 → 0.09 in 5 steps of 0.01: 0.04, 0.05, 0.06, 0.07, 0.08, 0.09; the 5th value is the double 0.08
        double[] v = Grid.range(0.04, 0.09, 5);

        assertThat(v).hasSize(6);
        assertThat(v[4]).isEqualTo(0.08);
    }

    @Test
    void rangeStepsAreEqual() {
        // 60 → 120 in 6 steps: 60, 70, …, 120 (integers: exact in any order of operations)
        assertThat(Grid.range(60, 120, 6)).containsExactly(60, 70, 80, 90, 100, 110, 120);
        // descending ranges are allowed: 1 → 0 in 4 steps
        assertThat(Grid.range(1, 0, 4)).containsExactly(1, 0.75, 0.5, 0.25, 0);
    }

    // --- Grid.size ---

    @Test
    void sizeIsTheProductOfTheCounts() {
        // 5 × 3 = 15; 2^16 × 2^16 × 2^16 = 2^48
        assertThat(Grid.size(new int[] {5, 3})).isEqualTo(15);
        assertThat(Grid.size(new int[] {65536, 65536, 65536})).isEqualTo(1L << 48);
        assertThat(grid().size()).isEqualTo(15);
        // 2^31 − 1 squared = 4611686014132420609 still fits a long
        assertThat(Grid.size(new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE}))
                .isEqualTo((long) Integer.MAX_VALUE * Integer.MAX_VALUE);
    }

    @Test
    void sizeThatOverflowsALongIsLongMaxValue() {
        // (2^31 − 1)^3 ≈ 9.9e27 > 2^63 − 1
        assertThat(Grid.size(new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE})).isEqualTo(Long.MAX_VALUE);
        // 2^21 × 2^21 × 2^21 = 2^63: one past Long.MAX_VALUE
        assertThat(Grid.size(new int[] {1 << 21, 1 << 21, 1 << 21})).isEqualTo(Long.MAX_VALUE);
        // 2^21 × 2^21 × (2^21 − 1) = 2^63 − 2^42 fits
        assertThat(Grid.size(new int[] {1 << 21, 1 << 21, (1 << 21) - 1})).isEqualTo((1L << 62) - (1L << 42) + (1L << 62));
    }

    @Test
    void sizeWithAnEmptyValueListIsZeroWhereverItStands() {
        // a product with a factor 0 is 0, however large the other factors
        assertThat(Grid.size(new int[] {0, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE})).isZero();
        assertThat(Grid.size(new int[] {7, 0})).isZero();
        assertThat(Grid.size(new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE, 0})).isZero();
    }

    // --- Grid.shard ---

    @Test
    void shardsAreDisjointOrderedCoverEveryPointOnceAndDifferInSizeByAtMostOne() {
        long[] sizes = {0, 1, 2, 3, 5, 7, 10, 11, 15, 64, 97, 1000, 1_000_003, 1L << 40, (1L << 62) + 1,
                Long.MAX_VALUE - 1, Long.MAX_VALUE};
        int[] counts = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 16, 17, 31, 64, 100, 1000};
        List<String> wrong = new ArrayList<>();
        for (long size : sizes) {
            for (int n : counts) {
                long expectedNext = 0;
                long smallest = Long.MAX_VALUE;
                long largest = Long.MIN_VALUE;
                for (int k = 1; k <= n; k++) {
                    long[] slice = Grid.shard(size, k, n);
                    // each slice starts where the previous one stopped: disjoint, ordered, no gap
                    if (slice.length != 2 || slice[0] != expectedNext || slice[1] < slice[0]) {
                        wrong.add("size " + size + " shard " + k + "/" + n + " is " + Arrays.toString(slice)
                                + ", expected to start at " + expectedNext);
                    }
                    expectedNext = slice[1];
                    smallest = Math.min(smallest, slice[1] - slice[0]);
                    largest = Math.max(largest, slice[1] - slice[0]);
                }
                String what = "size " + size + " in " + n + " shards";
                if (expectedNext != size) wrong.add(what + " ends at " + expectedNext);
                if (largest - smallest > 1) wrong.add(what + ": sizes from " + smallest + " to " + largest);
                // the sizes are ⌊size/n⌋ or ⌈size/n⌉
                if (smallest != size / n) wrong.add(what + ": smallest " + smallest + ", not ⌊size/n⌋ = " + size / n);
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void shardsCoverEveryPointExactlyOnceByEnumeration() {
        List<String> wrong = new ArrayList<>();
        for (int size = 0; size <= 40; size++) {
            for (int n = 1; n <= 45; n++) {
                int[] seen = new int[size];
                for (int k = 1; k <= n; k++) {
                    long[] slice = Grid.shard(size, k, n);
                    for (long i = slice[0]; i < slice[1]; i++) {
                        seen[(int) i]++;
                    }
                }
                for (int i = 0; i < size; i++) {
                    if (seen[i] != 1) wrong.add("point " + i + " of " + size + " in " + n + " shards seen " + seen[i] + " times");
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void shardNumbersOutsideOneToNAreRefused() {
        assertThatThrownBy(() -> Grid.shard(10, 0, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Grid.shard(10, 4, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Grid.shard(10, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    // --- Sweep ---

    @Test
    void gridOrderIsNestedLoopsFirstLeverSlowest() {
        List<Row> rows = sweep(grid(), 0, 15);

        assertThat(rows).hasSize(15);
        int i = 0;
        for (double discount : DISCOUNTS) {          // outer loop: the first lever
            for (double days : DAY_VALUES) {         // inner loop: the last lever
                assertThat(rows.get(i).index()).isEqualTo(i);
                assertThat(rows.get(i).levers()).as("row %d", i).containsExactly(discount, days);
                i++;
            }
        }
    }

    @Test
    void gridOrderWithThreeLevers() {
        String price = "products[abrasive-discs].listPrice";
        double[] prices = {2.2, 2.5};
        Grid grid = new Grid(List.of(BoundLever.bind(COMPILED, price), BoundLever.bind(COMPILED, DISCOUNT),
                BoundLever.bind(COMPILED, DAYS)), List.of(prices, new double[] {0.05, 0.1}, DAY_VALUES));
        List<Row> rows = sweep(grid, 0, grid.size());

        assertThat(rows).hasSize(2 * 2 * 3);
        int i = 0;
        for (double p : prices) {
            for (double d : new double[] {0.05, 0.1}) {
                for (double days : DAY_VALUES) {
                    assertThat(rows.get(i++).levers()).containsExactly(p, d, days);
                }
            }
        }
        // starting in the middle: point 7 = (price index 1, discount index 0, days index 1) = (2.5, 0.05, 60)
        assertThat(sweep(grid, 7, 8).get(0).levers()).containsExactly(2.5, 0.05, 60);
    }

    @Test
    void eachSweptRowIsAPlainEvaluationWithBothOverrides() {
        for (Row row : sweep(grid(), 0, 15)) {
            double[] plain = Plain.summary(Plain.set(DEAL, DISCOUNT, row.levers()[0], DAYS, row.levers()[1]));
            for (int m = 0; m < METRICS.size(); m++) {
                assertSame(row.metrics()[m], plain[METRICS.get(m).ordinal()],
                        "row " + row.index() + " " + METRICS.get(m).apiName);
            }
        }
    }

    @Test
    void twoWayTableCellsAreTheirOwnScenarios() {
        // cell (discount 0.12, 30 days) = point 4 × 3 + 0 = 12; cell (0.04, 90 days) = point 0 × 3 + 2 = 2
        List<Row> rows = sweep(grid(), 0, 15);
        assertSame(rows.get(12).metrics()[0], Plain.metric(Plain.set(DEAL, DISCOUNT, 0.12, DAYS, 30), Metric.NPV), "npv at (0.12, 30)");
        assertSame(rows.get(2).metrics()[0], Plain.metric(Plain.set(DEAL, DISCOUNT, 0.04, DAYS, 90), Metric.NPV), "npv at (0.04, 90)");
        // and the scenario's own point (0.08, 90) = point 2 × 3 + 2 = 8 is the scenario itself
        assertSame(rows.get(8).metrics()[0], Plain.metric(DEAL, Metric.NPV), "npv at the scenario's own values");
    }

    @Test
    void shardedSweepsConcatenateToTheUnshardedSweepRowForRow() {
        Grid grid = grid();
        List<Row> whole = sweep(grid, 0, grid.size());
        for (int n = 1; n <= 20; n++) {
            List<Row> joined = new ArrayList<>();
            for (int k = 1; k <= n; k++) {
                long[] slice = Grid.shard(grid.size(), k, n);
                joined.addAll(sweep(grid, slice[0], slice[1]));
            }
            assertThat(joined).as("%d shards", n).hasSameSizeAs(whole);
            for (int i = 0; i < whole.size(); i++) {
                assertThat(joined.get(i).index()).as("%d shards row %d", n, i).isEqualTo(whole.get(i).index());
                assertThat(joined.get(i).levers()).as("%d shards row %d levers", n, i).containsExactly(whole.get(i).levers());
                assertThat(joined.get(i).metrics()).as("%d shards row %d metrics", n, i).containsExactly(whole.get(i).metrics());
            }
        }
    }

    // --- buffered forms: rows and tables ---

    @Test
    void bufferedRowsAreTheLeversThenTheMetricsOfEachPointInTheSlice() {
        // points 4..9 of 5 × 3: discounts index 1..3 (0.06, 0.08, 0.10), payment days in nested order
        List<double[]> rows = Sweep.rows(COMPILED, grid(), METRICS, 4, 10);

        assertThat(rows).hasSize(6);
        for (int i = 0; i < rows.size(); i++) {
            long point = 4 + i;
            double discount = DISCOUNTS[(int) (point / 3)];
            double days = DAY_VALUES[(int) (point % 3)];
            double[] plain = Plain.summary(Plain.set(DEAL, DISCOUNT, discount, DAYS, days));
            assertThat(rows.get(i)).as("point %d", point).hasSize(2 + METRICS.size());
            assertThat(rows.get(i)[0]).as("point %d discount", point).isEqualTo(discount);
            assertThat(rows.get(i)[1]).as("point %d days", point).isEqualTo(days);
            for (int m = 0; m < METRICS.size(); m++) {
                assertSame(rows.get(i)[2 + m], plain[METRICS.get(m).ordinal()], "point " + point + " " + METRICS.get(m).apiName);
            }
        }
    }

    @Test
    void aTableHoldsPerMetricTheFirstLeverDownAndTheSecondAcross() {
        double[][][] cells = Sweep.table(COMPILED, grid(), METRICS);

        assertThat(cells).hasDimensions(METRICS.size(), DISCOUNTS.length);
        for (int r = 0; r < DISCOUNTS.length; r++) {
            for (int c = 0; c < DAY_VALUES.length; c++) {
                double[] plain = Plain.summary(Plain.set(DEAL, DISCOUNT, DISCOUNTS[r], DAYS, DAY_VALUES[c]));
                for (int m = 0; m < METRICS.size(); m++) {
                    assertThat(cells[m][r]).hasSize(DAY_VALUES.length);
                    assertSame(cells[m][r][c], plain[METRICS.get(m).ordinal()],
                            METRICS.get(m).apiName + " at (" + DISCOUNTS[r] + ", " + DAY_VALUES[c] + ")");
                }
            }
        }
    }

    @Test
    void aTableNeedsExactlyTwoLevers() {
        Grid one = new Grid(List.of(BoundLever.bind(COMPILED, DISCOUNT)), List.<double[]>of(DISCOUNTS));

        assertThat(Sweep.problemWithTable(grid())).isEmpty();
        assertThat(Sweep.problemWithTable(one)).hasValue("layout=table needs exactly 2 levers (rows, columns); this sweep has 1");
        assertThatThrownBy(() -> Sweep.table(COMPILED, one, METRICS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("this sweep has 1");
    }
}
