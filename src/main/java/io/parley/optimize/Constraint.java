package io.parley.optimize;

/**
 * A named rule the deal must meet: min ≤ form ≤ max (either side may be infinite). The name is the
 * one a manager would recognise, e.g. "customer NPV ≥ what procurement demands".
 */
public record Constraint(String name, LinearForm form, double min, double max) {

    public Constraint {
        if (min > max) throw new IllegalArgumentException(name + ": min " + min + " > max " + max);
    }
}
