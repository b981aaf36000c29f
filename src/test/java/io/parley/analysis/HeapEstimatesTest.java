package io.parley.analysis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The heap each buffered analysis is admitted by, against counts worked by hand from what it
 * allocates: an array of n doubles is 24 + 8n bytes (header and reference), a boxed double 24, a
 * number in an answer's text 25.
 */
class HeapEstimatesTest {

    /** The largest heap the small-heap deployment gives all admitted runs together: half of 256 MiB. */
    private static final long SMALL_HEAP_BUDGET = 128L << 20;

    @Test
    void sobolHoldsItsTwoSampleMatricesAndEveryEvaluationsMetrics() {
        // N = 1024, k = 3 levers, 3 factors, 2 metrics: A and B are 2 × (24 + 8 × 1024 + 1024 × (24 + 8 × 3))
        // = 2 × (8216 + 49152) = 114736; f(A), f(B), f(A_B) for 3 factors: 2 metrics × 5 × 8216 = 82160
        assertThat(SobolIndices.heapBytes(1024, 3, 3, 2, false)).isEqualTo(114_736 + 82_160);
        // second order adds f(B_A) per factor (2 × 3 × 8216 = 49296) and 3 pairs × 2 metrics × 64 bytes
        assertThat(SobolIndices.heapBytes(1024, 3, 3, 2, true)).isEqualTo(114_736 + 82_160 + 49_296 + 384);
    }

    @Test
    void sobolAtItsEvaluationCeilingDoesNotFitASmallHeap() {
        // 5 M evaluations with 100 levers: N = 5e6 / 102 = 49019; the outputs alone are 21 metrics × 102 ×
        // 49019 × 8 bytes ≈ 840 MB
        assertThat(SobolIndices.heapBytes(49_019, 100, 100, 21, false)).isGreaterThan(840_000_000L)
                .isGreaterThan(SMALL_HEAP_BUDGET);
    }

    @Test
    void morrisHoldsItsEffectsBoxedAndAsTextAndOneFactorsResamples() {
        // r = 20 trajectories, 3 factors, 2 metrics, 1000 resamples:
        // effects 2 × (24 + 8 × 3 + 3 × (24 + 8 × 20)) = 2 × 600 = 1200
        // answer  2 × 3 × (24 + 20 × (24 + 25)) = 6 × 1004 = 6024
        // resampled μ* 24 + 8 × 1000 = 8024
        assertThat(Morris.heapBytes(20, 3, 2, 1000)).isEqualTo(1200 + 6024 + 8024);
    }

    @Test
    void morrisAtItsTrajectoryCeilingWithManyLeversDoesNotFitASmallHeap() {
        // 10,000 trajectories × 100 factors × 21 metrics × (8 + 24 + 25) bytes ≈ 1.2 GB
        assertThat(Morris.heapBytes(10_000, 100, 21, 1000)).isGreaterThan(1_190_000_000L);
    }

    @Test
    void aSweepAnsweredWholeHoldsEachRowAndItsText() {
        // 100 points of 2 levers and 3 metrics: the list 24 + 8 × 100 = 824; each row
        // 24 + 8 × 5 = 64 and its text 5 × 25 = 125
        assertThat(Sweep.bufferedHeapBytes(100, 2, 3)).isEqualTo(824 + 100 * (64 + 125));
    }

    @Test
    void estimatesSaturateInsteadOfOverflowing() {
        assertThat(SobolIndices.heapBytes(Integer.MAX_VALUE, 100, 100, 21, true)).isPositive();
        assertThat(Sweep.bufferedHeapBytes(Long.MAX_VALUE / 2, 10, 21)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aProbesLanesAreCountedAndBoundWhatItAllocates() {
        // measured, not worked by hand: what building a probe allocates (its batch evaluator included) on this
        // thread, for the 5-product yearly example with ten levers moving every product, and for the monthly
        // example (48 periods, so half the lanes) with one lever
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        java.util.List<MonteCarlo.Uncertain> ten = LaneProbeTest.tenLevers();
        io.parley.engine.CompiledScenario monthly = io.parley.engine.CompiledScenario.compile(
                io.parley.Fixtures.example("telecom-enterprise-monthly.json"));
        java.util.List<MonteCarlo.Uncertain> one = java.util.List.of(new MonteCarlo.Uncertain(
                BoundLever.bind(monthly, "terms.paymentDays"), new Distribution.Uniform(0, 90)));
        for (int round = 0; round < 3; round++) { // the first builds may load classes: the last is measured
            long before = mx.getThreadAllocatedBytes(id);
            new LaneProbe(LaneProbeTest.PACKAGING, ten);
            long yearly = mx.getThreadAllocatedBytes(id) - before;
            before = mx.getThreadAllocatedBytes(id);
            new LaneProbe(monthly, one);
            long monthlyBytes = mx.getThreadAllocatedBytes(id) - before;
            if (round < 2) continue;
            long yearlyEstimate = LaneProbe.heapBytes(LaneProbeTest.PACKAGING, 10, LaneProbe.CAPACITY);
            long monthlyEstimate = LaneProbe.heapBytes(monthly, 1, LaneProbe.CAPACITY);
            assertThat(yearly).isLessThanOrEqualTo(yearlyEstimate).isGreaterThan(yearlyEstimate / 2);
            assertThat(monthlyBytes).isLessThanOrEqualTo(monthlyEstimate).isGreaterThan(monthlyEstimate / 2);
        }
        // Sobol holds one probe a thread on top of its matrices; Morris one probe
        assertThat(SobolIndices.heapBytes(LaneProbeTest.PACKAGING, 1024, 10, 10, 2, false, 2)
                - SobolIndices.heapBytes(1024, 10, 10, 2, false))
                .isEqualTo(2 * LaneProbe.heapBytes(LaneProbeTest.PACKAGING, 10, LaneProbe.CAPACITY));
        assertThat(Morris.heapBytes(LaneProbeTest.PACKAGING, 10, 20, 10, 2, 1000) - Morris.heapBytes(20, 10, 2, 1000))
                .isEqualTo(LaneProbe.heapBytes(LaneProbeTest.PACKAGING, 10, LaneProbe.CAPACITY));
    }
}
