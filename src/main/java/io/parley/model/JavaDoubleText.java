package io.parley.model;

/**
 * Writes {@link Double#toString}'s text of a double (Java 17's: {@code 0.05}, {@code 1234.5},
 * {@code 5.2272680779225E6}) into a caller's buffer: the digits from {@link ShortestDecimal} where it
 * answers and for whole numbers below 10^7, laid out as the JDK lays them out, else the JDK's own text. For JSON answers, whose numbers
 * Jackson writes with {@code Double.toString}; the bytes stay the same, which a test checks against the
 * running JDK.
 *
 * <p>The layout is {@code Double.toString}'s specification: magnitudes from 10^-3 below 10^7 plainly,
 * with at least one digit after the point; others as one digit, a point, the other digits (at least
 * one) and {@code E} with the decimal exponent.
 */
public final class JavaDoubleText {

    /** Room enough for any text Double.toString gives (its longest are about 24 characters). */
    public static final int MAX_LENGTH = 32;

    private JavaDoubleText() {
    }

    /**
     * Writes {@code Double.toString(value)} at the start of {@code out}, which needs {@link #MAX_LENGTH}
     * characters.
     *
     * @return the number of characters written
     */
    public static int write(double value, char[] out) {
        double magnitude = Math.abs(value);
        if (magnitude < 1e7 && magnitude == Math.rint(magnitude)) {
            // whole below 10^7 (zero too): the whole number is exact, and one fractional digit, 0, tells it
            // from its neighbours (an ulp is below 1 here), which is all the specification asks for
            int p = 0;
            if (value < 0 || (value == 0 && 1 / value < 0)) out[p++] = '-';
            long whole = (long) magnitude;
            p = digits(whole, ShortestDecimal.digitCount(Math.max(1, whole)), out, p);
            out[p++] = '.';
            out[p++] = '0';
            return p;
        }
        long decimal = ShortestDecimal.of(value);
        if (decimal == ShortestDecimal.DECLINED) {
            String text = Double.toString(value);
            text.getChars(0, text.length(), out, 0);
            return text.length();
        }
        long unscaled = ShortestDecimal.unscaled(decimal);
        int digits = ShortestDecimal.digitCount(unscaled);
        int exponent = digits - 1 - ShortestDecimal.scale(decimal); // value = d.ddd × 10^exponent
        int p = 0;
        if (value < 0) out[p++] = '-';
        if (magnitude >= 1e-3 && magnitude < 1e7) {
            if (exponent < 0) {
                out[p++] = '0';
                out[p++] = '.';
                for (int z = -1; z > exponent; z--) out[p++] = '0';
                return digits(unscaled, digits, out, p);
            }
            int whole = exponent + 1; // digits before the point
            if (digits <= whole) { // not reached (whole numbers are declined), laid out as the JDK would
                p = digits(unscaled, digits, out, p);
                for (int z = digits; z < whole; z++) out[p++] = '0';
                out[p++] = '.';
                out[p++] = '0';
                return p;
            }
            int end = digits(unscaled, digits, out, p + 1); // the digits one place on, then the point moved in
            System.arraycopy(out, p + 1, out, p, whole);
            out[p + whole] = '.';
            return end;
        }
        // E-form: ShortestDecimal answers there only with two digits or more, so no ".0" is needed
        int end = digits(unscaled, digits, out, p + 1);
        out[p] = out[p + 1];
        out[p + 1] = '.';
        out[end++] = 'E';
        if (exponent < 0) {
            out[end++] = '-';
            exponent = -exponent;
        }
        if (exponent >= 100) out[end++] = (char) ('0' + exponent / 100);
        if (exponent >= 10) out[end++] = (char) ('0' + exponent / 10 % 10);
        out[end++] = (char) ('0' + exponent % 10);
        return end;
    }

    /** Writes the {@code count} digits of {@code positive} at {@code at}; returns the position after them. */
    private static int digits(long positive, int count, char[] out, int at) {
        long rest = positive;
        for (int i = at + count - 1; i >= at; i--) {
            out[i] = (char) ('0' + rest % 10);
            rest /= 10;
        }
        return at + count;
    }
}
