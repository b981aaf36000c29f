package io.parley.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DistributionExtremesTest {

    @Test
    void aContinuousDistributionIsBoundedByItsQuantilesAtTheOutermostDraws() {
        // uniform on [2, 4]: Q(u) = 2 + 2u, drawn for u in [1e-12, 1 − 1e-12]
        double[] extremes = new Distribution.Uniform(2, 4).extremes();
        assertThat(extremes).hasSize(2);
        assertThat(extremes[0]).isCloseTo(2 + 2e-12, within(1e-15));
        assertThat(extremes[1]).isCloseTo(4 - 2e-12, within(1e-15));
    }

    @Test
    void aDiscreteDistributionIsBoundedByEveryValueInItsOrder() {
        double[] values = {1, 5, 3};
        double[] extremes = new Distribution.Discrete(values, new double[] {0.2, 0.3, 0.5}).extremes();
        assertThat(extremes).containsExactly(1, 5, 3);
        extremes[0] = 9; // a copy: the distribution's values are untouched
        assertThat(values[0]).isEqualTo(1);
    }
}
