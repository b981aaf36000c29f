package io.parley.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import io.parley.model.Spellings;

/**
 * The families of {@link Distribution} a request may name, each with the parameters it takes in the
 * order they are read and reported. Beta's support is the only parameter with a default: [0, 1].
 * Every continuous family also takes the {@link #WINDOW}, {@code lower} and {@code upper}, either or
 * both, to be cut to it ({@link Distribution#truncated}); {@code truncatedNormal} is the older
 * spelling of a cut normal.
 */
public enum DistributionKind {
    NORMAL("mean", "sd"),
    TRUNCATED_NORMAL("mean", "sd", "lower", "upper"),
    LOGNORMAL("mean", "sd"),
    UNIFORM("min", "max"),
    LOG_UNIFORM("min", "max"),
    TRIANGULAR("min", "mode", "max"),
    PERT("min", "mode", "max"),
    BETA("alpha", "beta", "min", "max"),
    /** Parameters that are lists: the points of the cumulative curve. */
    CUMULATIVE("values", "probabilities"),
    /** Parameters that are lists: the values and their probabilities. */
    DISCRETE("values", "probabilities"),
    /** A parameter that is a list: the values seen, each equally likely. */
    EMPIRICAL("values");

    /** The names requests spell the families in ({@link Spellings}), in this order. */
    public static final List<String> NAMES = Spellings.of(values());

    /** The window a continuous family may be cut to; a side left out is not cut. */
    public static final List<String> WINDOW = List.of("lower", "upper");

    public final List<String> parameters;

    DistributionKind(String... parameters) {
        this.parameters = List.of(parameters);
    }

    public static Optional<DistributionKind> named(String name) {
        return Spellings.find(values(), name);
    }

    /** The value a parameter left out takes, or empty when it must be given. */
    public OptionalDouble defaultOf(String parameter) {
        if (this == BETA && parameter.equals("min")) return OptionalDouble.of(0);
        if (this == BETA && parameter.equals("max")) return OptionalDouble.of(1);
        return OptionalDouble.empty();
    }

    /** Whether the parameters are lists of numbers ({@link #ofLists}) rather than numbers ({@link #of}). */
    public boolean takesLists() {
        return this == CUMULATIVE || this == DISCRETE || this == EMPIRICAL;
    }

    /** Whether the family can be cut to the {@link #WINDOW}: every continuous one but the already cut normal. */
    public boolean takesWindow() {
        return this != TRUNCATED_NORMAL && this != DISCRETE && this != EMPIRICAL;
    }

    /** Why a request cannot give {@code field} for the family, if it cannot: it is none of {@link #fields}. */
    public Optional<String> problemWithField(String field) {
        if (field.equals("type") || fields().contains(field)) return Optional.empty();
        String name = Spellings.of(this);
        return Optional.of(("aeiou".indexOf(name.charAt(0)) >= 0 ? "an " : "a ") + name + " distribution has no '" + field
                + "'; it takes " + String.join(", ", fields()));
    }

    /** Every field a request may give for the family: its parameters, then the window if it takes one. */
    public List<String> fields() {
        List<String> all = new ArrayList<>(parameters);
        if (takesWindow()) all.addAll(WINDOW);
        return all;
    }

    /** A distribution of this family from its numbers, in the order of {@link #parameters}; not for list families. */
    public Distribution of(double... p) {
        if (takesLists() || p.length != parameters.size()) {
            throw new IllegalArgumentException(Spellings.of(this) + " takes " + parameters + ", got " + p.length + " numbers");
        }
        return switch (this) {
            case NORMAL -> new Distribution.Normal(p[0], p[1]);
            case TRUNCATED_NORMAL -> new Distribution.TruncatedNormal(p[0], p[1], p[2], p[3]);
            case LOGNORMAL -> new Distribution.LogNormal(p[0], p[1]);
            case UNIFORM -> new Distribution.Uniform(p[0], p[1]);
            case LOG_UNIFORM -> new Distribution.LogUniform(p[0], p[1]);
            case TRIANGULAR -> new Distribution.Triangular(p[0], p[1], p[2]);
            case PERT -> new Distribution.Pert(p[0], p[1], p[2]);
            case BETA -> new Distribution.Beta(p[0], p[1], p[2], p[3]);
            case CUMULATIVE, DISCRETE, EMPIRICAL -> throw new IllegalStateException("a list family: see takesLists()");
        };
    }

    /** A distribution of a list family from its lists, in the order of {@link #parameters}. */
    public Distribution ofLists(double[]... lists) {
        if (!takesLists() || lists.length != parameters.size()) {
            throw new IllegalArgumentException(Spellings.of(this) + " takes " + parameters + ", got " + lists.length + " lists");
        }
        return switch (this) {
            case CUMULATIVE -> new Distribution.Cumulative(lists[0], lists[1]);
            case DISCRETE -> new Distribution.Discrete(lists[0], lists[1]);
            case EMPIRICAL -> new Distribution.Empirical(lists[0]);
            default -> throw new IllegalStateException("a family of numbers: see takesLists()");
        };
    }

    /**
     * {@code law} cut to [lower, upper] when either is finite (a side not to cut is infinite), else
     * {@code law} itself. Check {@link Distribution#problems()} before sampling.
     *
     * @throws IllegalArgumentException for a family that takes no window
     */
    public Distribution windowed(Distribution law, double lower, double upper) {
        if (lower == Double.NEGATIVE_INFINITY && upper == Double.POSITIVE_INFINITY) return law;
        if (!takesWindow()) throw new IllegalArgumentException(Spellings.of(this) + " takes no window");
        return Distribution.truncated((Distribution.Continuous) law, lower, upper);
    }
}
