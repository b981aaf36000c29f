package io.parley.model;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link JavaDoubleText} lays out Double.toString's text, plain and E-form, from ShortestDecimal's digits
 * (ShortestDecimalTest compares it with the JDK over millions of doubles); these are the layouts by hand.
 */
class JavaDoubleTextTest {

    private static String text(double value) {
        char[] out = new char[JavaDoubleText.MAX_LENGTH];
        return new String(out, 0, JavaDoubleText.write(value, out));
    }

    @Test
    void plainFormsHaveTheirPointAmongTheDigitsOrAfterZeroAndZeros() {
        assertThat(text(5227268.0779225)).isEqualTo("5227268.0779225");
        assertThat(text(-0.05)).isEqualTo("-0.05");
        assertThat(text(0.00125)).isEqualTo("0.00125");
        assertThat(text(1234.5)).isEqualTo("1234.5");
        assertThat(text(9999999.5)).isEqualTo("9999999.5");
    }

    @Test
    void eFormsHaveOneDigitBeforeThePointAndTheExponentAfterAnE() {
        assertThat(text(12345678.9)).isEqualTo("1.23456789E7");
        assertThat(text(-2.5e14 - 0.5)).isEqualTo("-2.500000000000005E14");
        assertThat(text(1.5e-4)).isEqualTo("1.5E-4");
        assertThat(text(3.75e-10)).isEqualTo("3.75E-10");
    }

    @Test
    void wholeNumbersBelowTenToTheSevenAreTheirDigitsAndPointZero() {
        assertThat(text(0.0)).isEqualTo("0.0");
        assertThat(text(-0.0)).isEqualTo("-0.0");
        assertThat(text(100.0)).isEqualTo("100.0");
        assertThat(text(-9_999_999.0)).isEqualTo("-9999999.0");
        assertThat(text(1e7)).isEqualTo("1.0E7"); // E-form from here: the JDK's text
        for (int i = -100_000; i <= 100_000; i++) assertThat(text(i)).isEqualTo(Double.toString(i));
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            double whole = random.nextLong(-10_000_000L, 10_000_000L);
            assertThat(text(whole)).isEqualTo(Double.toString(whole));
        }
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.05, 1234.5, 12345678.9, 1.5e-4, 5227268.0779225})
    void theseAreWorkedOutNotAskedOfTheJdk(double value) {
        assertThat(ShortestDecimal.of(value)).isNotEqualTo(ShortestDecimal.DECLINED);
    }

    @ParameterizedTest
    @ValueSource(doubles = {1e7, 2e-4, 1e300, 4.9e-324, Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, 0.1 + 0.2, Math.PI * 1e20})
    void whatShortestDecimalDeclinesIsTheJdksOwnText(double value) {
        assertThat(text(value)).isEqualTo(Double.toString(value));
    }
}
