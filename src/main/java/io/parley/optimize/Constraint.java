package io.parley.optimize;

import java.util.Optional;

import io.parley.model.Numbers;

/**
 * A named rule the deal must meet: min ≤ form ≤ max (either side may be infinite). The name is the
 * one a manager would recognise, e.g. "customer NPV ≥ what procurement demands".
 */
public record Constraint(String name, LinearForm form, double min, double max) {

    public Constraint {
        if (min > max) throw new IllegalArgumentException(name + ": min " + min + " > max " + max);
    }

    /** Why [{@code min}, {@code max}] cannot bound a rule or a decision, if it cannot. */
    public static Optional<String> problemWithRange(double min, double max) {
        return min > max ? Optional.of(Numbers.plain(max) + " is below min " + Numbers.plain(min)) : Optional.empty();
    }

    /** The name of a rule on {@code what} that its author did not name: "npv ≥ 5", "0 ≤ x ≤ 1". */
    public static String nameFor(String what, double min, double max) {
        if (Double.isInfinite(max)) return what + " ≥ " + Numbers.plain(min);
        if (Double.isInfinite(min)) return what + " ≤ " + Numbers.plain(max);
        return Numbers.plain(min) + " ≤ " + what + " ≤ " + Numbers.plain(max);
    }
}
