package io.parley.optimize;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

import io.parley.model.Numbers;

/**
 * A moved rule said the way its author would say it: "contributionMarginPct 21.99 % instead of 22 %",
 * "customer NPV ≥ demand: 1,684,232.15 instead of 1,700,000.00". The reachable figure is rounded
 * towards what can be reached (a floor down, a ceiling up), so the figure quoted is one a deal meets.
 */
final class UserUnits {

    /** Decimals of a ratio said at least (21.99 %) and at most (a change too small to say in fewer). */
    static final int MIN_DECIMALS = 2;
    static final int MAX_DECIMALS = 8;

    private UserUnits() {
    }

    /** The sentence for rule {@code c} moved from {@code bound} to {@code relaxed}. */
    static String says(Constraint c, double bound, double relaxed) {
        RoundingMode towardsReach = relaxed < bound ? RoundingMode.FLOOR : RoundingMode.CEILING;   // a floor lowered
        return switch (c.unit()) {
            case RATIO -> ratio(c.ratio().metric(), c.ratio().share(), bound, relaxed);
            case CURRENCY -> c.name() + ": " + String.format(Locale.ROOT, "%,.2f", round(relaxed, 2, towardsReach))
                    + " instead of " + String.format(Locale.ROOT, "%,.2f", bound);
            case DECISIONS -> c.name() + ": " + Numbers.plain(relaxed) + " instead of " + Numbers.plain(bound);
        };
    }

    /** The sentence for ratio {@code what} moved from {@code bound} to {@code relaxed}: a share in per cent, else a multiple. */
    static String ratio(String what, boolean share, double bound, double relaxed) {
        RoundingMode towardsReach = relaxed < bound ? RoundingMode.FLOOR : RoundingMode.CEILING;
        double scale = share ? 100 : 1;
        String unit = share ? " %" : "";
        // as many decimals as it takes for the rounding to be under a tenth of the change
        int decimals = MIN_DECIMALS;
        while (decimals < MAX_DECIMALS && Math.abs(round(scale * relaxed, decimals, towardsReach).doubleValue()
                - scale * relaxed) > 0.1 * scale * Math.abs(bound - relaxed)) {
            decimals++;
        }
        return what + " " + round(scale * relaxed, decimals, towardsReach).toPlainString() + unit + " instead of "
                + Numbers.plain(round(scale * bound, MAX_DECIMALS, RoundingMode.HALF_EVEN).doubleValue()) + unit;
    }

    /** One year's ratio named for every year: "contributionMarginPct in year 1" → "… in every year". */
    static String everyYear(String oneYear) {
        return oneYear.replaceFirst(" in year \\d+$", " in every year");
    }

    private static BigDecimal round(double v, int decimals, RoundingMode mode) {
        return new BigDecimal(v).setScale(decimals, mode);
    }
}
