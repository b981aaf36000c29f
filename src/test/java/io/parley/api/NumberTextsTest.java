package io.parley.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import io.parley.analysis.Grid;
import io.parley.model.Numbers;
import io.parley.model.PlainDecimalWriter;

/** A column's known numbers are copied as exactly {@link Numbers#plain}'s text, and only those numbers. */
class NumberTextsTest {

    private final byte[] buffer = new byte[PlainDecimalWriter.MAX_LENGTH + 8];

    private String copied(NumberTexts texts, double value) {
        buffer[0] = 'x'; // copied at an offset, so a copy that starts at 0 is caught
        int end = texts.copy(Double.doubleToRawLongBits(value), buffer, 1);
        assertThat(end).as("%s is known", value).isPositive();
        assertThat(buffer[0]).isEqualTo((byte) 'x');
        return new String(buffer, 1, end - 1, StandardCharsets.US_ASCII);
    }

    @Test
    void everyValueOfASweptRangeIsCopiedAsPlainWritesIt() {
        double[] days = Grid.range(0, 90, 999); // the fast lever of the benchmark's 1000 × 1000 grid
        NumberTexts texts = NumberTexts.of(days, new PlainDecimalWriter());
        for (double d : days) assertThat(copied(texts, d)).isEqualTo(Numbers.plain(d));
    }

    @Test
    void asManyNumbersAsAColumnKnowsOfEveryMagnitudeAreEachFound() {
        SplittableRandom random = new SplittableRandom(41);
        double[] values = new double[NumberTexts.MAX_NUMBERS];
        for (int i = 0; i < values.length; i++) {
            values[i] = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-320, 300));
        }
        values[0] = Double.MIN_VALUE; // the longest texts grow the store of texts
        values[1] = -Double.MAX_VALUE;
        NumberTexts texts = NumberTexts.of(values, new PlainDecimalWriter());
        for (double v : values) assertThat(copied(texts, v)).as("%s", v).isEqualTo(Numbers.plain(v));
    }

    @Test
    void aNumberNotAmongThemIsLeftToTheCallerAndNothingIsWritten() {
        NumberTexts texts = NumberTexts.of(new double[] {0.25, 1e21, Double.NaN, 0.25}, new PlainDecimalWriter());
        for (double other : new double[] {0.5, -0.25, 1e21 * (1 + 1e-15), Double.NaN, 0}) {
            buffer[3] = 'y';
            assertThat(texts.copy(Double.doubleToRawLongBits(other), buffer, 3)).as("%s", other).isEqualTo(-1);
            assertThat(buffer[3]).isEqualTo((byte) 'y');
        }
        assertThat(copied(texts, 0.25)).isEqualTo("0.25");
        assertThat(copied(texts, 1e21)).isEqualTo("1000000000000000000000");
    }

    @Test
    void zeroAndMinusZeroAreTwoNumbersWithOneText() {
        NumberTexts texts = NumberTexts.of(new double[] {0.0, -0.0}, new PlainDecimalWriter());
        assertThat(copied(texts, 0.0)).isEqualTo("0");
        assertThat(copied(texts, -0.0)).isEqualTo("0");
    }

    @Test
    void moreNumbersThanAColumnKnowsAreRefused() {
        assertThatThrownBy(() -> NumberTexts.of(new double[NumberTexts.MAX_NUMBERS + 1], new PlainDecimalWriter()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4097");
    }
}
