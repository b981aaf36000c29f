package io.parley.model;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.function.DoubleConsumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.parley.Fixtures;
import io.parley.engine.CompiledScenario;
import io.parley.engine.Evaluator;
import io.parley.engine.Metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@link ShortestDecimal} against the running JDK's {@link Double#toString}, the oracle: every answer must be
 * its decimal (digits and exponent), the writer's whole text {@link Numbers#plain}'s, and
 * {@link JavaDoubleText}'s Double.toString's itself, over millions of
 * doubles of the kinds where a mistake would hide (random bits, short decimals at every exponent and their
 * neighbours, powers of two and ten, integers near 2^53 and 10^15..10^17, the examples' figures). A longer
 * run on demand: {@code -Dparley.shortestDecimal.count=100000000} (random doubles of each kind).
 */
class ShortestDecimalTest {

    /** Doubles of each random kind in the suite's run; a few seconds in all. */
    private static final long SUITE_COUNT = 500_000;

    private final PlainDecimalWriter writer = new PlainDecimalWriter();
    private final byte[] buffer = new byte[PlainDecimalWriter.MAX_LENGTH];
    private final char[] chars = new char[JavaDoubleText.MAX_LENGTH];

    /** Fails unless the answer, if any, is Double.toString's decimal and the writer's text plain's. */
    private void check(double value) {
        long decimal = ShortestDecimal.of(value);
        if (decimal != ShortestDecimal.DECLINED) {
            BigDecimal jdk = new BigDecimal(Double.toString(value)).stripTrailingZeros().abs();
            if (jdk.scale() != ShortestDecimal.scale(decimal)
                    || !jdk.unscaledValue().equals(BigDecimal.valueOf(ShortestDecimal.unscaled(decimal)).toBigInteger())) {
                fail("%s (bits %x): Double.toString gives %s, ShortestDecimal %d × 10^-%d", value,
                        Double.doubleToRawLongBits(value), Double.toString(value), ShortestDecimal.unscaled(decimal),
                        ShortestDecimal.scale(decimal));
            }
        }
        int end = writer.write(value, buffer, 0);
        String text = new String(buffer, 0, end, StandardCharsets.US_ASCII);
        if (!text.equals(Numbers.plain(value))) {
            fail("%s: the writer wrote %s, Numbers.plain %s", value, text, Numbers.plain(value));
        }
        String javaText = new String(chars, 0, JavaDoubleText.write(value, chars));
        if (!javaText.equals(Double.toString(value))) {
            fail("%s: JavaDoubleText wrote %s", Double.toString(value), javaText);
        }
    }

    /** The value, its negation, and its neighbours up to {@code steps} ulps either side. */
    private void checkAround(double value, int steps) {
        double up = value;
        double down = value;
        check(value);
        check(-value);
        for (int i = 0; i < steps; i++) {
            up = Math.nextUp(up);
            down = Math.nextDown(down);
            check(up);
            check(down);
            check(-up);
        }
    }

    private static long count() {
        return Long.getLong("parley.shortestDecimal.count", SUITE_COUNT);
    }

    @Test
    void randomBitPatternsAreTheJdksDecimalOrDeclined() {
        SplittableRandom random = new SplittableRandom(4511638);
        for (long i = 0; i < count(); i++) {
            check(Double.longBitsToDouble(random.nextLong()));
        }
    }

    @Test
    void randomBitsInTheAnsweredRangeAreTheJdksDecimalOrDeclined() {
        // any significand bits, exponents from 2^-35 to 2^50: the doubles the routine may answer
        SplittableRandom random = new SplittableRandom(19);
        for (long i = 0; i < count(); i++) {
            long exponent = random.nextInt(1023 - 35, 1023 + 51);
            check(Double.longBitsToDouble(exponent << 52 | random.nextLong() >>> 12));
        }
    }

    @Test
    void decimalsOfOneToSeventeenDigitsAtEveryExponentAndTheirNeighboursAreTheJdksOrDeclined() {
        SplittableRandom random = new SplittableRandom(2026);
        for (long i = 0; i < count() / 4; i++) {
            int digits = random.nextInt(1, 18);
            long unscaled = random.nextLong(BigDecimal.TEN.pow(digits - 1).longValue(), BigDecimal.TEN.pow(digits).longValue());
            int exponent = random.nextInt(-14, 19) - digits;
            checkAround(Double.parseDouble(unscaled + "E" + exponent), 1);
        }
    }

    @Test
    void powersOfTwoAndTenAndTheirNeighboursAreTheJdksOrDeclined() {
        for (int e = -40; e <= 60; e++) checkAround(Math.scalb(1.0, e), 4);
        for (int d = -14; d <= 20; d++) checkAround(Double.parseDouble("1E" + d), 4);
    }

    @Test
    void integersNearTwoToThe53AndFrom10To15Upwards() {
        checkAround(0x1p53, 64);
        checkAround(0x1p52, 64);
        for (int d = 15; d <= 17; d++) {
            double power = Math.pow(10, d);
            checkAround(power, 64);
            SplittableRandom random = new SplittableRandom(d);
            for (int i = 0; i < 10_000; i++) checkAround(power * random.nextDouble(1, 10), 2);
        }
        for (long n = 999_999_999_999_000L; n < 1_000_000_000_001_000L; n++) check(n + 0.5); // halves up to 2^52
    }

    @Test
    void theExamplesFiguresAreTheJdksOrDeclined() {
        // every metric of every example, each parameter moved from half to one and a half of its value
        double[] summary = new double[Metric.count()];
        for (String file : Fixtures.exampleFiles()) {
            CompiledScenario compiled = CompiledScenario.compile(Fixtures.example(file));
            Evaluator evaluator = compiled.newEvaluator();
            double[] p = compiled.parameters();
            for (int slot = 0; slot < p.length; slot++) {
                double own = p[slot];
                for (int step = 0; step <= 100; step++) {
                    p[slot] = own * (0.5 + step / 100.0);
                    check(p[slot]);
                    evaluator.evaluate(p, summary);
                    for (double figure : summary) check(figure);
                }
                p[slot] = own;
            }
        }
    }

    @Test
    void everyDoubleNearestToADecimalOfFifteenDigitsOrFewerIsAnswered() {
        // the claim the class comment proves: so a change that declines more fails here
        SplittableRandom random = new SplittableRandom(15);
        int tried = 0;
        while (tried < 100_000) {
            int digits = random.nextInt(2, 16);
            long unscaled = random.nextLong(BigDecimal.TEN.pow(digits - 1).longValue(), BigDecimal.TEN.pow(digits).longValue());
            double value = Double.parseDouble(unscaled + "E" + (random.nextInt(-10, 15) - digits + 1));
            double magnitude = Math.abs(value);
            boolean powerOfTwo = (Double.doubleToRawLongBits(value) & ((1L << 52) - 1)) == 0;
            boolean oneDigitEForm = BigDecimal.valueOf(unscaled).stripTrailingZeros().precision() == 1
                    && (magnitude < 1e-3 || magnitude >= 1e7);
            if (magnitude < 1e-10 || magnitude >= 1e15 || value == Math.rint(value) || powerOfTwo || oneDigitEForm) continue;
            tried++;
            assertThat(ShortestDecimal.of(value)).as("%s", value).isNotEqualTo(ShortestDecimal.DECLINED);
            assertThat(ShortestDecimal.of(-value)).as("%s", -value).isNotEqualTo(ShortestDecimal.DECLINED);
        }
    }

    /**
     * The routine answers exactly where it claims to: a double in range (not whole, not a power of two)
     * is answered if and only if one decimal of the shortest length lies strictly inside its rounding
     * interval and it is not a one-digit E-form, or several do, the double is at least 1 and not halfway
     * between the two nearest; of several, the answer is the nearest. The shortest decimals are found here
     * in BigDecimal, by rounding the exact value to n digits and trying that and its neighbours, not as the
     * routine counts them.
     */
    @Test
    void answersExactlyTheDoublesWhoseShortestDecimalIsAloneOrNearestFromOneUp() {
        SplittableRandom random = new SplittableRandom(1709);
        int tried = 0;
        int several = 0;
        while (tried < 20_000) {
            long exponent = random.nextInt(1023 - 33, 1023 + 50);
            double value = Double.longBitsToDouble(exponent << 52 | random.nextLong() >>> 12);
            boolean powerOfTwo = (Double.doubleToRawLongBits(value) & ((1L << 52) - 1)) == 0;
            if (value < 1e-10 || value >= 1e15 || value == Math.rint(value) || powerOfTwo) continue;
            tried++;
            Shortest shortest = shortestDecimals(value);
            boolean oneDigitEForm = shortest.digits() == 1 && (value < 1e-3 || value >= 1e7);
            boolean answerable = shortest.count() == 1 ? !oneDigitEForm : value >= 1 && shortest.nearest() != null;
            long decimal = ShortestDecimal.of(value);
            assertThat(decimal != ShortestDecimal.DECLINED).as("%s", value).isEqualTo(answerable);
            if (answerable) {
                assertThat(BigDecimal.valueOf(ShortestDecimal.unscaled(decimal), ShortestDecimal.scale(decimal)))
                        .as("%s", value).isEqualByComparingTo(shortest.nearest());
            }
            if (shortest.count() > 1 && value >= 1) several++;
        }
        assertThat(several).as("doubles from 1 up with several shortest decimals").isGreaterThan(1_000);
    }

    /**
     * The shortest length of a decimal strictly inside a double's rounding interval, how many decimals have
     * it, and the one nearest the double (null when the double is halfway between the two nearest).
     */
    private record Shortest(int digits, int count, BigDecimal nearest) {
    }

    private static Shortest shortestDecimals(double value) {
        BigDecimal exact = new BigDecimal(value);
        BigDecimal two = BigDecimal.valueOf(2);
        BigDecimal low = exact.add(new BigDecimal(Math.nextDown(value))).divide(two);
        BigDecimal high = exact.add(new BigDecimal(Math.nextUp(value))).divide(two);
        for (int n = 1; n <= 17; n++) {
            BigDecimal rounded = exact.round(new MathContext(n, RoundingMode.HALF_EVEN));
            BigDecimal ulp = rounded.ulp();
            java.util.List<BigDecimal> inside = new java.util.ArrayList<>();
            // the n-digit decimals around the value: the rounded one, its neighbours, and below a power of ten the finer one
            for (BigDecimal c : new BigDecimal[] {rounded.subtract(ulp), rounded, rounded.add(ulp),
                    rounded.subtract(ulp.movePointLeft(1))}) {
                boolean nDigits = c.stripTrailingZeros().precision() <= n;
                if (nDigits && c.compareTo(low) > 0 && c.compareTo(high) < 0) inside.add(c);
            }
            if (inside.isEmpty()) continue;
            inside.sort(java.util.Comparator.comparing(c -> c.subtract(exact).abs()));
            boolean halfway = inside.size() > 1
                    && inside.get(0).subtract(exact).abs().compareTo(inside.get(1).subtract(exact).abs()) == 0;
            return new Shortest(n, inside.size(), halfway ? null : inside.get(0));
        }
        throw new AssertionError("no 17-digit decimal rounds to " + value);
    }

    /** Decimals of up to 15 digits, and 16-digit ones counted (in BigDecimal) as alone in their rounding interval. */
    @ParameterizedTest
    @ValueSource(doubles = {0.1, 0.3, 4.35, -123.45, 0.002, 1.0 / 3, 2.0 / 3, 5227268.0779225, 34591963.88943961,
            999999999999999.9, 1.5e-10})
    void answersShortAndUniqueDecimals(double value) {
        assertThat(ShortestDecimal.of(value)).isNotEqualTo(ShortestDecimal.DECLINED);
        check(value);
    }

    @ParameterizedTest
    @ValueSource(doubles = {0, -0.0, 1, 42, 1e7, 1e15, 1.5e15, 0.5, 0.25, 0x1p-31, 1e-4, 2e-8,
            Double.NaN, Double.POSITIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE, 9e-11})
    void declinesWholeNumbersPowersOfTwoOneDigitEFormAndOutOfRange(double value) {
        assertThat(ShortestDecimal.of(value)).isEqualTo(ShortestDecimal.DECLINED);
        check(value);
    }

    @Test
    void theDecadeEstimateIsFloorOfTheBinaryExponentTimesLog10Of2() {
        for (int e = -40; e <= 52; e++) {
            int floor = new BigDecimal(Math.scalb(1.0, e)).precision() - new BigDecimal(Math.scalb(1.0, e)).scale() - 1;
            assertThat((e * 78913) >> 18).as("2^%d", e).isEqualTo(floor);
        }
    }

    @Test
    void digitCountsAreTheLengthsOfTheNumbers() {
        for (long n : new long[] {0, 1, 9, 10, 99, 100, 999_999_999_999_999L, 1_000_000_000_000_000L, 99_999_999_999_999_999L,
                Long.MAX_VALUE}) {
            assertThat(ShortestDecimal.digitCount(n)).isEqualTo(Long.toString(n).length());
        }
        // the count is estimated from the bit length: each side of every power of ten and of two is where it would slip
        for (long power = 1; power > 0 && power <= Long.MAX_VALUE / 10; power *= 10) {
            for (long n = power - 2; n <= power + 2; n++) {
                if (n >= 0) assertThat(ShortestDecimal.digitCount(n)).as("%d", n).isEqualTo(Long.toString(n).length());
            }
        }
        for (int bits = 0; bits < 63; bits++) {
            for (long n = (1L << bits) - 1; n <= (1L << bits) + 1; n++) {
                assertThat(ShortestDecimal.digitCount(n)).as("%d", n).isEqualTo(Long.toString(n).length());
            }
        }
    }
}
