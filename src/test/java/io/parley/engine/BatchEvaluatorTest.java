package io.parley.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.parley.Fixtures;
import io.parley.model.Horizon;
import io.parley.model.Rebate;
import io.parley.model.RebateBasis;
import io.parley.model.RebateTier;
import io.parley.model.Scenario;
import io.parley.model.Terms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A batch is the scalar evaluator turned around, not a second model: every metric of every sample is
 * the scalar evaluator's to the last bit, for every kind of lever, alone or together, in every example
 * scenario (annual and monthly, rebate tiers of both bases, services, payment terms), with and without
 * a slot per contract year.
 */
class BatchEvaluatorTest {

    /** More than two chunks of the widest lanes (64), and not a multiple of any width: a short last chunk. */
    private static final int SAMPLES = 150;

    static List<String> examples() {
        return Fixtures.exampleFiles();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void eachSlotMovedAloneGivesTheScalarFiguresBitForBit(String file) {
        for (CompiledScenario compiled : bothLayouts(file)) {
            SplittableRandom random = new SplittableRandom(file.hashCode());
            for (int slot = 0; slot < compiled.parameterCount(); slot++) {
                assertBatchIsScalar(compiled, new int[] {slot}, random);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everySlotMovedAtOnceGivesTheScalarFiguresBitForBit(String file) {
        for (CompiledScenario compiled : bothLayouts(file)) {
            int[] all = new int[compiled.parameterCount()];
            for (int slot = 0; slot < all.length; slot++) all[slot] = slot;
            assertBatchIsScalar(compiled, all, new SplittableRandom(7));
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void randomSetsOfSlotsGiveTheScalarFiguresBitForBit(String file) {
        for (CompiledScenario compiled : bothLayouts(file)) {
            SplittableRandom random = new SplittableRandom(11);
            for (int round = 0; round < 40; round++) {
                List<Integer> chosen = new ArrayList<>();
                for (int slot = 0; slot < compiled.parameterCount(); slot++) {
                    if (random.nextInt(6) == 0) chosen.add(slot);
                }
                assertBatchIsScalar(compiled, chosen.stream().mapToInt(Integer::intValue).toArray(), random);
            }
        }
    }

    /**
     * The revenue CAGR takes the (years − 1)th root a different way for each length of horizon (the root
     * itself, a square root, a cube root, two square roots, a power): horizons of 1 to 8 years cover each,
     * the examples only some; every slot moved at once and each alone.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void everyLengthOfHorizonGivesTheScalarFiguresBitForBit(int years) {
        Scenario example = Fixtures.example("packaging-retailer-renewal.json");
        Scenario scenario = example.withHorizon(new Horizon(years, 1)).withContractYears(Math.min(years, 3));
        CompiledScenario compiled = CompiledScenario.compile(scenario);
        int[] all = new int[compiled.parameterCount()];
        for (int slot = 0; slot < all.length; slot++) all[slot] = slot;
        SplittableRandom random = new SplittableRandom(years);
        assertBatchIsScalar(compiled, all, random);
        for (int slot = 0; slot < all.length; slot++) {
            assertBatchIsScalar(compiled, new int[] {slot}, random);
        }
    }

    /**
     * The Vector API works tiers that are the same in every lane one pass over the lanes per tier, the first from
     * zero and the last into the rates: one to four tiers of either basis, in the terms and the baseline, with the
     * volumes and a discount moved so that the year's spend falls on both sides of the thresholds.
     */
    @ParameterizedTest
    @EnumSource(RebateBasis.class)
    void everyCountOfTheSameTiersInEveryLaneGivesTheScalarFiguresBitForBit(RebateBasis basis) {
        Scenario example = Fixtures.example("packaging-retailer-renewal.json");
        List<RebateTier> tiers = example.terms().rebate().tiers();   // 0, 5.6 M, 6 M, 6.4 M
        String first = example.products().get(0).id(), second = example.products().get(1).id();
        for (int count = 1; count <= tiers.size(); count++) {
            Rebate rebate = new Rebate(basis, tiers.subList(tiers.size() - count, tiers.size()));
            Terms terms = example.terms(), baseline = example.baseline();
            CompiledScenario compiled = CompiledScenario.compile(example
                    .withTerms(new Terms(terms.discounts(), rebate, terms.paymentDays(), terms.contractYears(),
                            terms.renewalProbability(), terms.services(), terms.upfrontInvestment()))
                    .withBaseline(new Terms(baseline.discounts(), rebate, baseline.paymentDays(),
                            baseline.contractYears(), baseline.renewalProbability(), baseline.services(),
                            baseline.upfrontInvestment())));
            int[] slots = {compiled.slot("products[" + first + "].baseVolume"),
                    compiled.slot("products[" + second + "].baseVolume"), compiled.slot("terms.discounts[" + first + "]")};
            assertBatchIsScalar(compiled, slots, new SplittableRandom(count));
        }
    }

    /**
     * When no account-wide slot moves, the P&L follows the contract term and the cost to serve's yearly
     * inflation in one lane and copies them to the others: a base with an inflation of its own each year
     * and renewals within the horizon, a product's discount moved.
     */
    @Test
    void theAccountWideYearlyFiguresOfOneLaneHoldInEveryLane() {
        Scenario example = Fixtures.example("packaging-retailer-renewal.json");
        CompiledScenario compiled = CompiledScenario.compile(
                example.withHorizon(new Horizon(6, 1)).withContractYears(2)).withYearSlots();
        double[] base = compiled.parameters();
        for (int y = 0; y < 6; y++) base[compiled.costToServeYearSlots() + y] = 0.01 * (y + 1);
        base[CompiledScenario.RENEWAL_PROBABILITY] = 0.7;
        int discount = compiled.slot("terms.discounts[" + example.products().get(0).id() + "]");
        assertBatchIsScalar(compiled, base, new int[] {discount}, new SplittableRandom(3));
    }

    /**
     * Surefire starts the tests with {@code --add-modules jdk.incubator.vector}, as the service is started, so
     * that every test of a batch runs the Vector API's path; without the module, or with the path silently not
     * taken, this fails.
     */
    @Test
    void theVectorApiPathIsTakenWhereverItsModuleIsPresent() {
        assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).as("jdk.incubator.vector in the test JVM").isPresent();
        Scenario example = Fixtures.example("packaging-retailer-renewal.json");
        // chunks of 256 lanes (5 periods) and of 64 (120 periods)
        for (CompiledScenario compiled : List.of(CompiledScenario.compile(example),
                CompiledScenario.compile(example.withHorizon(new Horizon(10, 12)).withContractYears(3)))) {
            assertThat(compiled.newBatchEvaluator(CompiledScenario.TERMS_PAYMENT_DAYS).usesVectorApi()).isTrue();
        }
    }

    @Test
    void theBaseValuesOfMovedSlotsAreNotRead() {
        CompiledScenario compiled = CompiledScenario.compile(Fixtures.example("packaging-retailer-renewal.json"));
        int slot = compiled.slot("terms.paymentDays");
        double[] base = compiled.parameters();
        base[slot] = Double.NaN;
        double[][] out = new double[Metric.count()][1];
        compiled.newBatchEvaluator(slot).evaluate(base, new double[][] {{45}}, 1, out);
        double[] p = compiled.parameters();
        p[slot] = 45;
        double[] summary = new double[Metric.count()];
        compiled.newEvaluator().evaluate(p, summary);
        for (Metric m : Metric.values()) {
            assertThat(out[m.ordinal()][0]).as(m.apiName).isEqualTo(summary[m.ordinal()]);
        }
    }

    @Test
    void eachSampleCountsAsAnEvaluationOfTheWorkAndStoppedWorkEndsTheBatch() {
        Work work = new Work();
        CompiledScenario compiled = CompiledScenario.compile(Fixtures.example("packaging-retailer-renewal.json")).watchedBy(work);
        int slot = compiled.slot("terms.paymentDays");
        BatchEvaluator batch = compiled.newBatchEvaluator(slot);
        double[][] values = {new double[SAMPLES]};
        double[][] out = new double[Metric.count()][SAMPLES];
        batch.evaluate(compiled.parameters(), values, SAMPLES, out);
        assertThat(work.evaluations()).isEqualTo(SAMPLES);
        work.stop(Work.Reason.CLIENT_GONE);
        assertThatThrownBy(() -> batch.evaluate(compiled.parameters(), values, SAMPLES, out))
                .isInstanceOf(Work.Stopped.class);
    }

    private static List<CompiledScenario> bothLayouts(String file) {
        CompiledScenario compiled = CompiledScenario.compile(Fixtures.example(file));
        return List.of(compiled, compiled.withYearSlots());
    }

    /** Random values of {@code slots} for each sample, batch against scalar, every metric's bits. */
    private static void assertBatchIsScalar(CompiledScenario compiled, int[] slots, SplittableRandom random) {
        assertBatchIsScalar(compiled, compiled.parameters(), slots, random);
    }

    /** As above, the samples' other slots from {@code base}. */
    private static void assertBatchIsScalar(CompiledScenario compiled, double[] base, int[] slots, SplittableRandom random) {
        double[][] values = new double[slots.length][SAMPLES];
        for (int i = 0; i < slots.length; i++) {
            for (int s = 0; s < SAMPLES; s++) {
                values[i][s] = randomValue(compiled, slots[i], base[slots[i]], random);
            }
        }
        for (boolean vectorApi : new boolean[] {true, false}) {
            BatchEvaluator batch = new BatchEvaluator(compiled, slots, vectorApi);
            assertThat(batch.usesVectorApi()).as("the Vector API's path taken").isEqualTo(vectorApi);
            assertBatchIsScalar(compiled, base, slots, values, batch);
        }
    }

    /** {@code batch}'s figures for {@code values} against the scalar evaluator's, every metric's bits. */
    private static void assertBatchIsScalar(CompiledScenario compiled, double[] base, int[] slots, double[][] values,
            BatchEvaluator batchEvaluator) {
        double[][] out = new double[Metric.count()][SAMPLES];
        batchEvaluator.evaluate(base, values, SAMPLES, out);

        Evaluator scalar = compiled.newEvaluator();
        double[] summary = new double[Metric.count()];
        String[] paths = compiled.leverPaths();
        for (int s = 0; s < SAMPLES; s++) {
            double[] p = base.clone();
            for (int i = 0; i < slots.length; i++) p[slots[i]] = values[i][s];
            scalar.evaluate(p, summary);
            for (Metric m : Metric.values()) {
                double batch = out[m.ordinal()][s];
                if (Double.doubleToLongBits(batch) != Double.doubleToLongBits(summary[m.ordinal()])) {
                    StringBuilder moved = new StringBuilder();
                    for (int i = 0; i < slots.length && i < 8; i++) moved.append(paths[slots[i]]).append('=').append(values[i][s]).append(' ');
                    throw new AssertionError(compiled.scenario().name() + (compiled.hasYearSlots() ? " (year slots)" : "")
                            + (batchEvaluator.usesVectorApi() ? " (Vector API)" : " (plain loops)")
                            + ", sample " + s + ", " + m.apiName + ": batch " + batch + " but scalar " + summary[m.ordinal()]
                            + "; moved " + slots.length + " slots: " + moved);
                }
            }
        }
    }

    /**
     * A value for a slot that exercises the model's branches: zero (no revenue, no rate), the scenario's
     * own, a following marker where the slot may follow, a whole number of contract years, else a
     * value around the scenario's.
     */
    private static double randomValue(CompiledScenario compiled, int slot, double base, SplittableRandom random) {
        if (slot == CompiledScenario.CONTRACT_YEARS) {
            return 1 + random.nextInt(6);
        }
        int roll = random.nextInt(10);
        if (Double.isNaN(base)) {                                     // follows another slot
            return roll < 4 ? Double.NaN : random.nextDouble(-0.05, 0.15);
        }
        if (roll == 0) return 0;
        if (roll == 1) return base;
        if (base == 0) return random.nextDouble(0, 0.2);
        return base * random.nextDouble(0.5, 1.5);
    }
}
