package io.parley.analysis;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules for the settings of a Monte Carlo, Sobol or Morris run, each at its edges. */
class RunSettingsTest {

    @Test
    void samplesAreWholeAndAtLeastTwo() {
        assertThat(MonteCarlo.samples(2)).isEqualTo(2);
        assertThat(MonteCarlo.samples(2.5)).isEqualTo(-1);
        assertThat(MonteCarlo.problemWithSamples(2)).isEmpty();
        assertThat(MonteCarlo.problemWithSamples(1)).contains("1 is not a whole number of samples, 2 or more");
        assertThat(MonteCarlo.problemWithSamples(2.5)).contains("2.5 is not a whole number of samples, 2 or more");
        // not a number at all is reported where it was read, not again here
        assertThat(MonteCarlo.problemWithSamples(Double.NaN)).isEmpty();
    }

    @Test
    void percentilesLieInTheUnitInterval() {
        assertThat(MonteCarlo.problemWithPercentile(0)).isEmpty();
        assertThat(MonteCarlo.problemWithPercentile(1)).isEmpty();
        assertThat(MonteCarlo.problemWithPercentile(5)).contains("5 is not in [0, 1] (0.05 is P5)");
        assertThat(MonteCarlo.problemWithPercentile(-0.01)).isPresent();
    }

    @Test
    void histogramsHaveOneToAThousandBins() {
        assertThat(MonteCarlo.problemWithHistogramBins(1)).isEmpty();
        assertThat(MonteCarlo.problemWithHistogramBins(1000)).isEmpty();
        assertThat(MonteCarlo.problemWithHistogramBins(0)).contains("must be a whole number in 1–1000");
        assertThat(MonteCarlo.problemWithHistogramBins(1001)).isPresent();
    }

    @Test
    void aPrecisionTargetIsAPositiveWidthAtAConfidenceLevel() {
        assertThat(MonteCarlo.Precision.problemWithRelativeHalfWidth(0.01)).isEmpty();
        assertThat(MonteCarlo.Precision.problemWithRelativeHalfWidth(0)).contains("must be positive, e.g. 0.01 for ±1 %");
        assertThat(MonteCarlo.Precision.problemWithConfidence(0.95)).isEmpty();
        assertThat(MonteCarlo.Precision.problemWithConfidence(1)).contains("must lie in (0, 1)");
        assertThat(MonteCarlo.Precision.problemWithConfidence(Double.NaN)).isPresent();
    }

    @Test
    void sobolPointsArePowersOfTwoFromTwo() {
        assertThat(SobolIndices.problemWithPoints(2)).isEmpty();
        assertThat(SobolIndices.problemWithPoints(1024)).isEmpty();
        assertThat(SobolIndices.problemWithPoints(1))
                .contains("1 is not a power of two, 2 or more (Sobol points balance in powers of two)");
        assertThat(SobolIndices.problemWithPoints(1000)).isPresent();
        assertThat(SobolIndices.problemWithPoints(-4)).isPresent();
    }

    @Test
    void sobolConfidenceAndMorrisResamplesAtTheirEdges() {
        assertThat(SobolIndices.problemWithConfidence(0.5)).isEmpty();
        assertThat(SobolIndices.problemWithConfidence(0)).contains("0 is not a confidence level in (0, 1)");
        assertThat(Morris.problemWithResamples(10)).isEmpty();
        assertThat(Morris.problemWithResamples(10_000)).isEmpty();
        assertThat(Morris.problemWithResamples(9)).contains("must be a whole number in 10–10000");
        assertThat(Morris.problemWithResamples(10_001)).isPresent();
    }

    @Test
    void morrisNeedsTwoTrajectoriesAndAnEvenGridUpToAHundred() {
        assertThat(Morris.problemWithTrajectories(2)).isEmpty();
        assertThat(Morris.problemWithTrajectories(1)).contains("must be a whole number, 2 or more");
        assertThat(Morris.problemWithLevels(2)).isEmpty();
        assertThat(Morris.problemWithLevels(100)).isEmpty();
        assertThat(Morris.problemWithLevels(5)).contains("must be an even whole number in 2–100 (the grid levels of each lever)");
        assertThat(Morris.problemWithLevels(102)).isPresent();
        assertThat(Morris.problemWithLevels(0)).isPresent();
    }

    @Test
    void samplingMethodsAreNamedAsRequestsSpellThem() {
        assertThat(Sampling.Method.NAMES).containsExactly("random", "latinHypercube", "sobol");
        assertThat(Sampling.Method.named("latinHypercube")).contains(Sampling.Method.LATIN_HYPERCUBE);
        assertThat(Sampling.Method.named("lhs")).isEmpty();
    }
}
