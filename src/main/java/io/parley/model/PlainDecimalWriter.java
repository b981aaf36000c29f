package io.parley.model;

import java.nio.charset.StandardCharsets;

/**
 * Writes the text of {@link Numbers#plain} as ASCII bytes into a caller's buffer, allocating
 * nothing: for streams of millions of numbers, where a String per cell was most of the garbage.
 * The digits are {@link Double#toString}'s: worked out by {@link ShortestDecimal} where it is sure of
 * them (a number between 10^-10 and 10^15 whose shortest decimal is unique, or from 1 up the nearest of
 * several: every npv figure of the benchmark sweep, at a quarter of the JDK's CPU), otherwise taken from the JDK's
 * {@code StringBuilder.append(double)}, which gives the same text into a buffer this writer keeps. So
 * the text is identical to {@code plain}'s, which property tests check over random doubles of every
 * magnitude.
 *
 * <p>Not thread-safe: one per stream.
 */
public final class PlainDecimalWriter {

    /**
     * Room enough for the longest text: a sign, {@code 0.}, 323 zeros and Double.toString's digits (17,
     * a few more in the JDK's rare long forms; 24 allowed) for the smallest doubles (10^-324), or a sign
     * and 309 digits for the largest (1.8 × 10^308).
     */
    public static final int MAX_LENGTH = 350;
    /** The longest whole number written as a long: below it every double that is whole is exact. */
    private static final double WHOLE_BELOW = 1e15;

    /** The text of the one long whose magnitude no long holds. */
    private static final byte[] LONG_MIN_VALUE = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);
    /** The tens and the ones digit of each number below 100. */
    private static final byte[] TENS = new byte[100];
    private static final byte[] ONES = new byte[100];

    static {
        for (int n = 0; n < 100; n++) {
            TENS[n] = (byte) ('0' + n / 10);
            ONES[n] = (byte) ('0' + n % 10);
        }
    }

    /** Double.toString's text of the number being written (one digit, a point, digits, maybe E and an exponent). */
    private final StringBuilder scientific = new StringBuilder(32);

    /**
     * Writes {@code Numbers.plain(value)} at {@code at}, which needs {@link #MAX_LENGTH} bytes free.
     *
     * @return the position after the last byte written
     */
    public int write(double value, byte[] out, int at) {
        if (value == Math.rint(value) && Math.abs(value) < WHOLE_BELOW) {
            return write((long) value, out, at); // -0.0 too: plain writes it 0
        }
        long decimal = ShortestDecimal.of(value);
        if (decimal != ShortestDecimal.DECLINED) {
            return write(value < 0, ShortestDecimal.unscaled(decimal), ShortestDecimal.scale(decimal), out, at);
        }
        return writeJdkDigits(value, out, at);
    }

    /**
     * Writes {@code Numbers.plain(value)} for a value that is not whole below 10^15, from the digits the JDK
     * gives; the only way before {@link ShortestDecimal}, kept for the values it declines.
     */
    int writeJdkDigits(double value, byte[] out, int at) {
        scientific.setLength(0);
        scientific.append(value);
        int e = scientific.indexOf("E");
        if (e < 0) {
            // between 10^-3 and 10^7, or not finite: Double.toString's text is already plain
            return copy(0, scientific.length(), out, at);
        }
        int p = at;
        boolean negative = scientific.charAt(0) == '-';
        if (negative) out[p++] = '-';
        int first = negative ? 1 : 0; // the one digit before the point, then the point, then the rest
        int digits = e - first - 1;
        int exponent = Integer.parseInt(scientific, e + 1, scientific.length(), 10);
        int point = 1 + exponent; // digits before the decimal point
        if (point <= 0) {
            out[p++] = '0';
            out[p++] = '.';
            for (int z = 0; z < -point; z++) out[p++] = '0';
            p = digits(first, 0, digits, out, p);
            return withoutTrailingZeros(out, p);
        }
        if (point >= digits) {
            p = digits(first, 0, digits, out, p);
            for (int z = digits; z < point; z++) out[p++] = '0';
            return p;
        }
        p = digits(first, 0, point, out, p);
        out[p++] = '.';
        p = digits(first, point, digits, out, p);
        return withoutTrailingZeros(out, p);
    }

    /**
     * Writes a whole number's decimal digits at {@code at} (20 bytes at most).
     *
     * @return the position after the last byte written
     */
    public static int write(long value, byte[] out, int at) {
        if (value == Long.MIN_VALUE) {
            System.arraycopy(LONG_MIN_VALUE, 0, out, at, LONG_MIN_VALUE.length); // the one long whose magnitude is no long
            return at + LONG_MIN_VALUE.length;
        }
        int p = at;
        if (value < 0) out[p++] = '-';
        long magnitude = Math.abs(value);
        int end = p + ShortestDecimal.digitCount(magnitude);
        digitsEndingAt(magnitude, end - p, out, end);
        return end;
    }

    /**
     * Writes {@code unscaled × 10^-scale} in plain form: the digits (no trailing zeros) with the point
     * placed among them, or after {@code 0.} and zeros, or followed by zeros when the scale is negative.
     *
     * @return the position after the last byte written
     */
    private static int write(boolean negative, long unscaled, int scale, byte[] out, int at) {
        int p = at;
        if (negative) out[p++] = '-';
        int digits = ShortestDecimal.digitCount(unscaled);
        if (scale <= 0) {
            p += digits;
            digitsEndingAt(unscaled, digits, out, p);
            for (int z = 0; z < -scale; z++) out[p++] = '0';
            return p;
        }
        int whole = digits - scale; // digits before the point
        if (whole <= 0) {
            out[p++] = '0';
            out[p++] = '.';
            for (int z = 0; z < -whole; z++) out[p++] = '0';
            digitsEndingAt(unscaled, digits, out, p + digits);
            return p + digits;
        }
        int end = p + digits + 1;
        long wholePart = digitsEndingAt(unscaled, scale, out, end); // the fraction
        out[p + whole] = '.';
        digitsEndingAt(wholePart, whole, out, p + whole);
        return end;
    }

    /**
     * Writes the last {@code count} decimal digits of {@code positive} so that they end just before
     * {@code end}, two digits per division (a division by a constant is most of a digit's cost).
     *
     * @return what is left of {@code positive} above those digits
     */
    private static long digitsEndingAt(long positive, int count, byte[] out, int end) {
        long rest = positive;
        int i = end;
        for (int left = count; left > 1; left -= 2) {
            long above = rest / 100;
            int pair = (int) (rest - above * 100);
            out[--i] = ONES[pair];
            out[--i] = TENS[pair];
            rest = above;
        }
        if ((count & 1) != 0) {
            long above = rest / 10;
            out[--i] = (byte) ('0' + (rest - above * 10));
            rest = above;
        }
        return rest;
    }

    /** Copies the digits [from, to) of the significand (the point after its first digit skipped). */
    private int digits(int first, int from, int to, byte[] out, int at) {
        int p = at;
        for (int d = from; d < to; d++) {
            out[p++] = (byte) scientific.charAt(d == 0 ? first : first + 1 + d);
        }
        return p;
    }

    private int copy(int from, int to, byte[] out, int at) {
        int p = at;
        for (int i = from; i < to; i++) out[p++] = (byte) scientific.charAt(i);
        return p;
    }

    /** Drops the zeros that end a fraction, and its point when nothing is left after it. */
    private static int withoutTrailingZeros(byte[] out, int end) {
        int p = end;
        while (out[p - 1] == '0') p--;
        return out[p - 1] == '.' ? p - 1 : p;
    }
}
