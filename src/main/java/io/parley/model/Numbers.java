package io.parley.model;

/** Formatting of numbers for people: messages and CSV cells. */
public final class Numbers {

    private Numbers() {
    }

    /**
     * Plain decimal, no exponent, no trailing zeros, as many digits as make the double round-trip:
     * 1200000, 0.06, -0.2, 34591963.88943961. Fast enough for million-row streams: it rewrites the
     * exponent of {@link Double#toString} rather than going through BigDecimal.
     */
    public static String plain(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        String s = Double.toString(value);
        int e = s.indexOf('E');
        if (e < 0) {
            return s; // a non-integral value written without exponent has no trailing zeros
        }
        boolean negative = s.charAt(0) == '-';
        String mantissa = s.substring(negative ? 1 : 0, e);
        int exponent = Integer.parseInt(s.substring(e + 1));
        int dot = mantissa.indexOf('.');
        String digits = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
        int point = dot + exponent; // digits before the decimal point
        StringBuilder out = new StringBuilder(digits.length() + Math.abs(exponent) + 3);
        if (negative) out.append('-');
        if (point <= 0) {
            out.append("0.");
            out.append("0".repeat(-point));
            out.append(digits);
        } else if (point >= digits.length()) {
            out.append(digits);
            out.append("0".repeat(point - digits.length()));
        } else {
            out.append(digits, 0, point).append('.').append(digits, point, digits.length());
        }
        return stripTrailingZeros(out);
    }

    private static String stripTrailingZeros(StringBuilder out) {
        if (out.indexOf(".") < 0) return out.toString();
        int end = out.length();
        while (out.charAt(end - 1) == '0') end--;
        if (out.charAt(end - 1) == '.') end--;
        return out.substring(0, end);
    }
}
