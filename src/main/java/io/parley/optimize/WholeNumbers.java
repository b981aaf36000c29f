package io.parley.optimize;

import java.util.Optional;

import io.parley.model.Numbers;

/**
 * The whole numbers in a range: a decision that takes whole numbers (a count of years, of days) is
 * solved as the menu of them, so the solver never proposes 2.5 years.
 */
public final class WholeNumbers {

    private WholeNumbers() {
    }

    /** How many whole numbers lie in [min, max]: ⌊max⌋ − ⌈min⌉ + 1, 0 or less when none does. */
    public static long countIn(double min, double max) {
        return (long) Math.floor(max) - (long) Math.ceil(min) + 1;
    }

    /** Why [{@code min}, {@code max}] cannot be a whole-number decision, if it cannot: it holds none. */
    public static Optional<String> problemWith(double min, double max) {
        return countIn(min, max) >= 1 ? Optional.empty()
                : Optional.of("no whole number lies in [" + Numbers.plain(min) + ", " + Numbers.plain(max) + "]");
    }

    /**
     * ⌈min⌉, ⌈min⌉ + 1, …, ⌊max⌋ in ascending order.
     *
     * @throws IllegalArgumentException when no whole number lies in [min, max] or too many to list do
     */
    public static double[] in(double min, double max) {
        long count = countIn(min, max);
        if (count < 1 || count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(count + " whole numbers in [" + min + ", " + max + "] cannot be a menu");
        }
        double[] values = new double[(int) count];
        for (int k = 0; k < count; k++) values[k] = Math.ceil(min) + k;
        return values;
    }
}
