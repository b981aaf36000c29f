package io.parley.analysis;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The families of {@link Distribution} a request may name, each with the parameters it takes in the
 * order they are read and reported. Beta's support is the only parameter with a default: [0, 1].
 */
public enum DistributionKind {
    NORMAL("normal", "mean", "sd"),
    TRUNCATED_NORMAL("truncatedNormal", "mean", "sd", "lower", "upper"),
    LOGNORMAL("lognormal", "mean", "sd"),
    UNIFORM("uniform", "min", "max"),
    TRIANGULAR("triangular", "min", "mode", "max"),
    PERT("pert", "min", "mode", "max"),
    BETA("beta", "alpha", "beta", "min", "max"),
    /** The one family whose parameters are lists: the values and their probabilities. */
    DISCRETE("discrete", "values", "probabilities");

    /** The names requests spell the families in, in this order. */
    public static final List<String> NAMES = Arrays.stream(values()).map(k -> k.apiName).toList();

    public final String apiName;
    public final List<String> parameters;

    DistributionKind(String apiName, String... parameters) {
        this.apiName = apiName;
        this.parameters = List.of(parameters);
    }

    /** The family spelt {@code name}, if it is one. */
    public static Optional<DistributionKind> named(String name) {
        return Arrays.stream(values()).filter(k -> k.apiName.equals(name)).findFirst();
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
            throw new IllegalArgumentException(apiName + " takes " + parameters + ", got " + p.length + " numbers");
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
