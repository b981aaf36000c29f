package io.parley.model;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The byte writer of streamed cells prints exactly {@link Numbers#plain}'s text, which is the plain
 * form of {@link Double#toString}'s digits (BigDecimal's {@code toPlainString} of that text, trailing
 * zeros dropped): checked over doubles of every magnitude and bit pattern.
 */
class PlainDecimalWriterTest {

    private final PlainDecimalWriter writer = new PlainDecimalWriter();
    private final byte[] buffer = new byte[PlainDecimalWriter.MAX_LENGTH + 8];

    private String written(double value) {
        buffer[0] = 'x'; // written at an offset, so a writer that starts at 0 is caught
        int end = writer.write(value, buffer, 1);
        assertThat(buffer[0]).isEqualTo((byte) 'x');
        return new String(buffer, 1, end - 1, StandardCharsets.US_ASCII);
    }

    /** The plain form worked independently of both writers: BigDecimal's, of Double.toString's digits. */
    private static String plainOfDoubleToString(double v) {
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -0.0, 1, -1, 0.1, 0.06, -0.2, 1e-3, 9.999999999999999e-4, 1e7, 9999999.999999998,
            34591963.88943961, 1e15, 999999999999999.9, 1e15 + 2, -1.5e15, 1e21, 1e22, 1e23, 2e23, 1.0E-5, -2.5E-7,
            123456789012.5, 2.82879384806159e17, 1.18575755E-316, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL,
            Double.MAX_VALUE, -Double.MAX_VALUE, 4.35, 0.3, 2.0 / 3})
    void writesPlainsTextForEdgeCases(double value) {
        assertThat(written(value)).isEqualTo(Numbers.plain(value)).isEqualTo(plainOfDoubleToString(value));
    }

    @Test
    void writesPlainsTextForEveryBitPattern() {
        // uniform over the bits: every exponent (subnormals included) equally likely, any digits
        SplittableRandom random = new SplittableRandom(2026);
        for (int i = 0; i < 50_000; i++) {
            double v = Double.longBitsToDouble(random.nextLong());
            if (!Double.isFinite(v)) continue;
            assertThat(written(v)).as("%s", v).isEqualTo(Numbers.plain(v)).isEqualTo(plainOfDoubleToString(v));
        }
    }

    @Test
    void writesPlainsTextForFiguresAndLeverValues() {
        // the magnitudes streams carry: money to 10^12 with cents and beyond, rates, few-digit decimals
        SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < 50_000; i++) {
            double v = switch (i % 3) {
                case 0 -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-12, 20));
                case 1 -> random.nextLong(-10_000_000, 10_000_000) / Math.pow(10, random.nextInt(0, 9));
                default -> (double) random.nextLong(-(1L << 53), 1L << 53);
            };
            assertThat(written(v)).as("%s", v).isEqualTo(Numbers.plain(v)).isEqualTo(plainOfDoubleToString(v));
        }
    }

    @Test
    void notANumberAndInfinitiesAreWrittenAsDoubleToStringWritesThem() {
        for (double v : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            assertThat(written(v)).isEqualTo(Numbers.plain(v)).isEqualTo(Double.toString(v));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 7, -7, 10, 1_234_567_890L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1})
    void writesWholeNumbersAsLongToStringDoes(long value) {
        int end = PlainDecimalWriter.write(value, buffer, 3);
        assertThat(new String(buffer, 3, end - 3, StandardCharsets.US_ASCII)).isEqualTo(Long.toString(value));
    }

    @Test
    void writesEveryLengthOfWholeNumberAsLongToStringDoes() {
        // digits are written in pairs after the length is estimated: each side of each power of ten, and random ones
        for (long power = 1; power <= Long.MAX_VALUE / 10; power *= 10) {
            for (long n : new long[] {power - 1, power, power + 1, -power + 1, -power, -power - 1, power * 10 - 1}) {
                int end = PlainDecimalWriter.write(n, buffer, 3);
                assertThat(new String(buffer, 3, end - 3, StandardCharsets.US_ASCII)).isEqualTo(Long.toString(n));
            }
        }
        SplittableRandom random = new SplittableRandom(23);
        for (int i = 0; i < 50_000; i++) {
            long n = random.nextLong() >> random.nextInt(64); // every magnitude
            int end = PlainDecimalWriter.write(n, buffer, 3);
            assertThat(new String(buffer, 3, end - 3, StandardCharsets.US_ASCII)).isEqualTo(Long.toString(n));
        }
    }

    @Test
    void writesDecimalsOfEveryLengthAndEveryPlaceOfThePoint() {
        // ShortestDecimal's answers, laid out with the point before, among and after their digits
        SplittableRandom random = new SplittableRandom(29);
        for (int i = 0; i < 50_000; i++) {
            double v = random.nextLong(1, 100_000_000_000_000_000L) / Math.pow(10, random.nextInt(1, 28)) * (i % 2 == 0 ? 1 : -1);
            assertThat(written(v)).as("%s", v).isEqualTo(Numbers.plain(v)).isEqualTo(plainOfDoubleToString(v));
        }
    }

    @Test
    void theLongestTextFitsTheRoomItClaims() {
        assertThat(written(-Double.MIN_VALUE).length()).isLessThanOrEqualTo(PlainDecimalWriter.MAX_LENGTH);
        assertThat(written(-Double.MAX_VALUE).length()).isLessThanOrEqualTo(PlainDecimalWriter.MAX_LENGTH);
    }
}
