package io.parley.analysis;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

import io.parley.model.Spellings;

/**
 * The families of {@link Distribution} a request may name, each with the parameters it takes in the
 * order they are read and reported. Beta's support is the only parameter with a default: [0, 1].
 */
public enum DistributionKind {
    NORMAL("mean", "sd"),
    TRUNCATED_NORMAL("mean", "sd", "lower", "upper"),
    LOGNORMAL("mean", "sd"),
    UNIFORM("min", "max"),
    TRIANGULAR("min", "mode", "max"),
    PERT("min", "mode", "max"),
    BETA("alpha", "beta", "min", "max"),
    /** The one family whose parameters are lists: the values and their probabilities. */
    DISCRETE("values", "probabilities");

    /** The names requests spell the families in ({@link Spellings}), in this order. */
    public static final List<String> NAMES = Spellings.of(values());

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

    /** A distribution of this family from its numbers, in the order of {@link #parameters}; not for {@link #DISCRETE}. */
    public Distribution of(double... p) {
        if (p.length != parameters.size()) {
            throw new IllegalArgumentException(Spellings.of(this) + " takes " + parameters + ", got " + p.length + " numbers");
        }
        return switch (this) {
            case NORMAL -> new Distribution.Normal(p[0], p[1]);
            case TRUNCATED_NORMAL -> new Distribution.TruncatedNormal(p[0], p[1], p[2], p[3]);
            case LOGNORMAL -> new Distribution.LogNormal(p[0], p[1]);
            case UNIFORM -> new Distribution.Uniform(p[0], p[1]);
            case TRIANGULAR -> new Distribution.Triangular(p[0], p[1], p[2]);
            case PERT -> new Distribution.Pert(p[0], p[1], p[2]);
            case BETA -> new Distribution.Beta(p[0], p[1], p[2], p[3]);
            case DISCRETE -> throw new IllegalArgumentException("a discrete distribution takes lists: values and probabilities");
        };
    }
}
