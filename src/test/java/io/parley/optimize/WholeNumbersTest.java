package io.parley.optimize;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The whole numbers of a range, listed by hand. */
class WholeNumbersTest {

    @Test
    void theWholeNumbersOfARangeAreListedFromItsCeilingToItsFloor() {
        assertThat(WholeNumbers.in(0.5, 3.2)).containsExactly(1, 2, 3);
        assertThat(WholeNumbers.in(2, 4)).containsExactly(2, 3, 4);
        assertThat(WholeNumbers.in(-2, -0.5)).containsExactly(-2, -1);
        assertThat(WholeNumbers.in(7, 7)).containsExactly(7);
    }

    @Test
    void theCountIsZeroOrLessWhenNoWholeNumberLiesInTheRange() {
        assertThat(WholeNumbers.countIn(0.5, 3.2)).isEqualTo(3);
        assertThat(WholeNumbers.countIn(2.2, 2.8)).isZero();
        assertThat(WholeNumbers.countIn(2.2, 1.5)).isNegative();
        assertThatThrownBy(() -> WholeNumbers.in(2.2, 2.8)).isInstanceOf(IllegalArgumentException.class);
    }
}
