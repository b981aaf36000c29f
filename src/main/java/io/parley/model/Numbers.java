package io.parley.model;

import java.math.BigDecimal;

/** Formatting of numbers for people: messages and CSV cells. */
public final class Numbers {

    private Numbers() {
    }

    /** Plain decimal, no exponent, no trailing zeros: 1200000, 0.06, -0.2. */
    public static String plain(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
