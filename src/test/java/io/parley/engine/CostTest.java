package io.parley.engine;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Work stated in units: evaluations × product-periods, seconds of a solve, and sums of both. */
class CostTest {

    @Test
    void unitsAreEvaluationsTimesProductPeriodsSaturatingWhenTheyDoNotFit() {
        assertThat(new Cost(1_000, 60).units()).isEqualTo(60_000);
        assertThat(new Cost(Long.MAX_VALUE / 2, 3).units()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void costsAddUpAndTheSumSaturates() {
        assertThat(Cost.units(List.of(new Cost(1, 60), new Cost(1, 12), new Cost(3, 4)))).isEqualTo(84);
        assertThat(Cost.units(List.of())).isZero();
        assertThat(Cost.units(List.of(new Cost(Long.MAX_VALUE, 1), new Cost(1, 1)))).isEqualTo(Long.MAX_VALUE);
    }
}
