package io.parley.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The distributions a request can name: each type's parameters in order, and the law they make.
 * Every continuous law also takes {@code lower} and {@code upper}, either or both, to be cut to that
 * window ({@link Distribution#truncated}); {@code truncatedNormal} is the older spelling of a cut normal.
 */
public enum DistributionType {
    NORMAL("normal", a -> new Distribution.Normal(a[0][0], a[1][0]), number("mean"), number("sd")),
    TRUNCATED_NORMAL("truncatedNormal", a -> new Distribution.TruncatedNormal(a[0][0], a[1][0], a[2][0], a[3][0]),
            number("mean"), number("sd"), number("lower"), number("upper")),
    LOGNORMAL("lognormal", a -> new Distribution.LogNormal(a[0][0], a[1][0]), number("mean"), number("sd")),
    UNIFORM("uniform", a -> new Distribution.Uniform(a[0][0], a[1][0]), number("min"), number("max")),
    LOG_UNIFORM("logUniform", a -> new Distribution.LogUniform(a[0][0], a[1][0]), number("min"), number("max")),
    TRIANGULAR("triangular", a -> new Distribution.Triangular(a[0][0], a[1][0], a[2][0]),
            number("min"), number("mode"), number("max")),
    PERT("pert", a -> new Distribution.Pert(a[0][0], a[1][0], a[2][0]), number("min"), number("mode"), number("max")),
    BETA("beta", a -> new Distribution.Beta(a[0][0], a[1][0], a[2][0], a[3][0]),
            number("alpha"), number("beta"), optional("min", 0), optional("max", 1)),
    CUMULATIVE("cumulative", a -> new Distribution.Cumulative(a[0], a[1]), list("values"), list("probabilities")),
    DISCRETE("discrete", a -> new Distribution.Discrete(a[0], a[1]), list("values"), list("probabilities")),
    EMPIRICAL("empirical", a -> new Distribution.Empirical(a[0]), list("values"));

    /** A parameter: a number or a list of numbers; a number may be optional, with its value when absent. */
    public record Parameter(String name, boolean list, Double absent) {
        public boolean required() {
            return absent == null;
        }
    }

    /** The window parameters every continuous law takes; absent, the window is unbounded on that side. */
    public static final List<Parameter> WINDOW = List.of(new Parameter("lower", false, Double.NEGATIVE_INFINITY),
            new Parameter("upper", false, Double.POSITIVE_INFINITY));

    public final String apiName;
    private final Function<double[][], Distribution> law;
    private final List<Parameter> own;

    DistributionType(String apiName, Function<double[][], Distribution> law, Parameter... own) {
        this.apiName = apiName;
        this.law = law;
        this.own = List.of(own);
    }

    /** Whether the law can be cut to a window by {@code lower} and {@code upper}. */
    public boolean truncatable() {
        return this != TRUNCATED_NORMAL && this != DISCRETE && this != EMPIRICAL;
    }

    /** Every parameter the type takes, in order: its own, then the window if it can be cut. */
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>(own);
        if (truncatable()) all.addAll(WINDOW);
        return all;
    }

    /**
     * The law for the arguments, one per {@link #parameters()} entry (a number as a one-element array),
     * cut to [lower, upper] when either is finite. Check {@link Distribution#problems()} before sampling.
     */
    public Distribution make(double[][] arguments) {
        Distribution d = law.apply(Arrays.copyOf(arguments, own.size()));
        if (!truncatable()) return d;
        double lower = arguments[own.size()][0];
        double upper = arguments[own.size() + 1][0];
        boolean cut = lower != Double.NEGATIVE_INFINITY || upper != Double.POSITIVE_INFINITY;
        return cut ? Distribution.truncated((Distribution.Continuous) d, lower, upper) : d;
    }

    public static Optional<DistributionType> named(String apiName) {
        return Arrays.stream(values()).filter(t -> t.apiName.equals(apiName)).findFirst();
    }

    /** The names a request may give, for a message. */
    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(t -> t.apiName).toList());
    }

    private static Parameter number(String name) {
        return new Parameter(name, false, null);
    }

    private static Parameter optional(String name, double absent) {
        return new Parameter(name, false, absent);
    }

    private static Parameter list(String name) {
        return new Parameter(name, true, null);
    }
}
