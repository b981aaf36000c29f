package io.parley.document;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.parley.analysis.BoundLever;
import io.parley.analysis.Distribution;
import io.parley.analysis.DistributionKind;
import io.parley.analysis.Groups;
import io.parley.analysis.MonteCarlo;
import io.parley.analysis.RankCorrelation;
import io.parley.analysis.Sampling;
import io.parley.analysis.SobolIndices;
import io.parley.analysis.YearChain;
import io.parley.engine.Metric;
import io.parley.engine.CompiledScenario;
import io.parley.model.JsonPointer;
import io.parley.model.LimitExceededException;
import io.parley.model.Lever;
import io.parley.model.LeverPath;
import io.parley.model.Numbers;
import io.parley.model.Spellings;

/**
 * Reads the parts of the uncertainty requests (Monte Carlo, Sobol, Morris): uncertain levers and
 * their distributions, sampling, seed, correlations, precision targets, percentiles and thresholds.
 * Every problem is recorded in the {@link AnalysisInput}, so a request hears of all of them at once.
 */
public final class UncertaintyInput {

    /** The seed when a request gives none: runs are reproducible by default, and the seed is echoed. */
    public static final long DEFAULT_SEED = 20261123;

    private UncertaintyInput() {
    }

    /**
     * What every uncertainty run is of: the scenario, the metrics asked (npv when none) and the uncertain
     * levers, a rate drawn per contract year counting as one lever per year; {@code draws} says, for each of
     * {@code levers}, which requested lever and contract year it is drawn for and how its years are tied.
     */
    public record Run(CompiledScenario compiled, List<Metric> metrics, List<MonteCarlo.Uncertain> levers,
               List<RankCorrelation.Draw> draws, int requested) {

        /** Whether some lever is drawn afresh each contract year. */
        public boolean perYear() {
            return draws.stream().anyMatch(d -> d.yearToYear() < 1);
        }
    }

    /** The uncertain levers read, what each is drawn for, and how many levers the request named. */
    private record Read(List<MonteCarlo.Uncertain> levers, List<RankCorrelation.Draw> draws, int requested) {
    }

    /** Reads the parts every uncertainty request shares; its levers move together. */
    public static Run run(AnalysisInput input, int maxLevers) {
        return run(input, maxLevers, false);
    }

    /** As above; with {@code grouped}, a lever may name the group it moves with (Sobol, Morris). */
    public static Run run(AnalysisInput input, int maxLevers, boolean grouped) {
        input.leversMoveTogether();
        CompiledScenario compiled = input.scenario("scenario");
        List<Metric> metrics = input.metrics("metrics", List.of(Metric.NPV));
        Read read = levers(input, compiled, maxLevers, grouped);
        return new Run(compiled, metrics, read.levers(), read.draws(), read.requested());
    }

    /**
     * The uncertain levers, each with its distribution, whose every value must be allowed for the lever; a
     * lever with {@code perYear} becomes one per contract year of its rate. With {@code grouped}, a lever may
     * name the group it moves with (Sobol, Morris).
     */
    private static Read levers(AnalysisInput input, CompiledScenario compiled, int maxLevers, boolean grouped) {
        List<JsonNode> items = input.leverItems("uncertain lever", "uncertain levers in one run", maxLevers);
        List<MonteCarlo.Uncertain> levers = new ArrayList<>();
        List<RankCorrelation.Draw> draws = new ArrayList<>();
        Set<Integer> slots = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String at = JsonPointer.child("/levers", i);
            JsonNode item = items.get(i);
            Set<String> fields = grouped ? Set.of("path", "distribution", "group", "perYear")
                    : Set.of("path", "distribution", "perYear");
            if (!input.in.object(item, at, "an uncertain lever", fields)) continue;
            if (grouped && item.has("group")) group(input, item.get("group"), at + "/group");
            BoundLever lever = input.lever(compiled, input.in.required(item, at, "path"), at + "/path");
            JsonNode d = input.in.required(item, at, "distribution");
            Distribution distribution = d == null ? null : distribution(input, d, at + "/distribution");
            if (lever == null || distribution == null) continue;
            if (!slots.add(lever.slot())) {
                input.in.fail(at + "/path", lever.path() + " is given twice", lever.path());
                continue;
            }
            if (lever.lever().integral()) {
                input.in.fail(at + "/path", lever.path() + " takes whole numbers; sweep its values instead", lever.path());
                continue;
            }
            // every value the distribution can produce must be allowed for the lever: a discrete one's
            // every value, a continuous one's range (its rules are intervals)
            boolean discrete = distribution instanceof Distribution.Discrete;
            double[] extremes = distribution.extremes();
            boolean ok = true;
            for (int v = 0; v < extremes.length && (ok || discrete); v++) {
                ok &= input.allowed(compiled, lever, extremes[v],
                        discrete ? at + "/distribution/values/" + v : at + "/distribution");
            }
            if (!ok) continue;
            JsonNode perYear = item.get("perYear");
            if (perYear == null) {
                levers.add(new MonteCarlo.Uncertain(lever, distribution));
                draws.add(RankCorrelation.Draw.once(i));
            } else {
                int requested = i;
                int firstYear = Lever.PerYear.firstYear(lever.lever());
                yearChain(input, compiled, lever, distribution, perYear, at, slots, levers, grouped).ifPresent(chain -> {
                    for (int y = 0; y < chain.length(); y++) {
                        draws.add(new RankCorrelation.Draw(requested, firstYear + y, chain.correlation()));
                    }
                });
            }
        }
        if (levers.size() > maxLevers) {
            throw new LimitExceededException("/levers", "uncertain levers in one run (a perYear lever counts once per year it draws)",
                    levers.size(), maxLevers);
        }
        return new Read(levers, draws, items.size());
    }

    /**
     * A rate drawn afresh each contract year: one uncertain lever per year of the rate (from year 2 for the
     * escalator, which has no step into year 1), added to {@code levers}, and the chain that ties them.
     */
    private static Optional<YearChain> yearChain(AnalysisInput input, CompiledScenario compiled, BoundLever rate,
                                                 Distribution distribution, JsonNode perYear, String at,
                                                 Set<Integer> slots, List<MonteCarlo.Uncertain> levers,
                                                 boolean independentFactors) {
        if (!input.in.object(perYear, at + "/perYear", "the year-to-year draw, e.g. {\"correlation\": 0.5}",
                Set.of("correlation"))) return Optional.empty();
        double rho = input.in.optionalNumber(perYear, at + "/perYear", "correlation", 0);
        Optional<String> problem = YearChain.problemWithCorrelation(rho);
        if (problem.isEmpty() && independentFactors && rho != 0) {
            problem = Optional.of(Numbers.plain(rho) + " is not 0: Sobol and Morris take the years of a rate drawn per "
                    + "year as one factor of independent draws; for years correlated year to year run Monte Carlo");
        }
        problem.ifPresent(p -> input.in.fail(at + "/perYear/correlation", p, rho));
        if (rate.lever() instanceof Lever.PerYear) {
            input.in.fail(at + "/path", rate.path() + " is one year's rate; perYear draws every year of a rate, so name "
                    + "the rate alone, " + ((Lever.PerYear) rate.lever()).scenarioRate().path(), rate.path());
            return Optional.empty();
        }
        if (!Lever.PerYear.variesPerYear(rate.lever())) {
            input.in.fail(at + "/perYear", rate.path() + " is one value for the whole horizon; per contract year vary only "
                    + Lever.PerYear.RATES, null);
            return Optional.empty();
        }
        int years = compiled.scenario().horizon().years();
        int first = Lever.PerYear.firstYear(rate.lever());
        if (first > years) {
            input.in.fail(at + "/perYear", "a one-year horizon has no step of the list price to draw; "
                    + rate.path() + " needs a horizon of 2 years or more to vary per year", null);
            return Optional.empty();
        }
        if (problem.isPresent()) return Optional.empty();
        int start = levers.size();
        for (int year = first; year <= years; year++) {
            BoundLever inYear = BoundLever.bind(compiled, LeverPath.parse(rate.path()).inYear(year).toString());
            if (!slots.add(inYear.slot())) {
                input.in.fail(at + "/path", inYear.path() + " is given twice (by perYear and by another lever)", rate.path());
                return Optional.empty();
            }
            levers.add(new MonteCarlo.Uncertain(inYear, distribution));
        }
        return Optional.of(new YearChain(start, levers.size() - start, rho));
    }

    /** A group's name: text, not blank. */
    private static String group(AnalysisInput input, JsonNode node, String at) {
        if (!node.isTextual() || node.asText().isBlank()) {
            input.in.fail(at, "a group is named by non-blank text, e.g. \"volumes\"", null);
            return null;
        }
        return node.asText();
    }

    /**
     * The groups the levers were put in ({@code group} on each lever; a lever without one is a group of
     * its own; the years of a rate drawn per year form one group, named by the rate's path, unless the
     * request put the rate in a group), or every lever alone when none names a group. Read once the levers
     * are known good.
     */
    public static Groups groups(AnalysisInput input, Run run) {
        List<MonteCarlo.Uncertain> levers = run.levers();
        JsonNode items = input.root.get("levers");
        List<String> groupOf = new ArrayList<>();
        boolean any = false;
        for (int i = 0; items != null && i < run.draws().size() && i < levers.size(); i++) {
            RankCorrelation.Draw draw = run.draws().get(i);
            JsonNode item = items.get(draw.requested());
            JsonNode g = item.get("group");
            // the years of a rate drawn per year are one factor, named by the rate unless put in a group
            String name = g != null ? g.asText() : draw.yearToYear() < 1 ? item.get("path").asText() : null;
            groupOf.add(name);
            any |= name != null;
        }
        if (!any || groupOf.size() != levers.size()) return Groups.each(levers);
        try {
            return Groups.of(levers, groupOf);
        } catch (IllegalArgumentException e) {
            input.in.fail("/levers", e.getMessage(), null);
            return Groups.each(levers);
        }
    }

    public static Distribution distribution(AnalysisInput input, JsonNode node, String at) {
        Set<String> fields = new HashSet<>(Set.of("type"));
        for (DistributionKind k : DistributionKind.values()) fields.addAll(k.fields());
        if (!input.in.object(node, at, "a distribution", fields)) return null;
        String type = input.in.requiredText(node, at, "type");
        if (type == null) return null;
        DistributionKind kind = DistributionKind.named(type).orElse(null);
        if (kind == null) {
            input.in.fail(at + "/type", "'" + type + "' is not one of " + String.join(", ", DistributionKind.NAMES), type);
            return null;
        }
        Distribution d;
        if (kind.takesLists()) {
            double[][] lists = new double[kind.parameters.size()][];
            for (int i = 0; i < lists.length; i++) {
                String name = kind.parameters.get(i);
                lists[i] = numbers(input, input.in.required(node, at, name), at + "/" + name);
            }
            d = kind.ofLists(lists);
        } else {
            double[] p = new double[kind.parameters.size()];
            for (int i = 0; i < p.length; i++) {
                String name = kind.parameters.get(i);
                OptionalDouble absent = kind.defaultOf(name);
                p[i] = absent.isPresent() ? input.in.optionalNumber(node, at, name, absent.getAsDouble())
                        : input.in.requiredNumber(node, at, name);
            }
            d = kind.of(p);
        }
        if (kind.takesWindow()) {
            d = kind.windowed(d, input.in.optionalNumber(node, at, "lower", Double.NEGATIVE_INFINITY),
                    input.in.optionalNumber(node, at, "upper", Double.POSITIVE_INFINITY));
        }
        boolean ok = true;
        for (var it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            Optional<String> problem = kind.problemWithField(f);
            problem.ifPresent(p -> input.in.fail(JsonPointer.child(at, f), p, null));
            ok &= problem.isEmpty();
        }
        int before = input.violations.size();
        for (String problem : d.problems()) {
            int colon = problem.indexOf(':');
            String field = problem.substring(0, colon);
            JsonNode given = node.get(field);
            String value = given == null ? null : given.toString();
            input.in.fail(at + "/" + field, (value == null ? "" : "is " + value + "; ") + problem.substring(colon + 2),
                    given != null && given.isNumber() ? given.numberValue() : null);
        }
        boolean numbersOk = true;
        for (var v : input.violations) numbersOk &= !v.pointer().startsWith(at);
        return ok && numbersOk && input.violations.size() == before ? d : null;
    }

    private static double[] numbers(AnalysisInput input, JsonNode node, String at) {
        if (node == null) return new double[0];
        List<JsonNode> items = input.in.array(node, at);
        double[] v = new double[items.size()];
        for (int i = 0; i < v.length; i++) v[i] = input.in.number(items.get(i), JsonPointer.child(at, i));
        return v;
    }

    public static Sampling.Method sampling(AnalysisInput input) {
        String name = input.in.optionalText(input.root, "", "sampling", Spellings.of(Sampling.Method.LATIN_HYPERCUBE));
        if (name == null) return Sampling.Method.LATIN_HYPERCUBE;
        Optional<Sampling.Method> method = Sampling.Method.named(name);
        if (method.isEmpty()) {
            input.in.fail("/sampling", "'" + name + "' is not one of " + String.join(", ", Sampling.Method.NAMES), name);
        }
        return method.orElse(Sampling.Method.RANDOM);
    }

    public static long seed(AnalysisInput input) {
        JsonNode node = input.in.optional(input.root, "seed");
        if (node == null) return DEFAULT_SEED;
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            input.in.fail("/seed", "must be a whole number (a 64-bit integer)", null);
            return DEFAULT_SEED;
        }
        return node.longValue();
    }

    public static double confidence(AnalysisInput input) {
        double c = input.in.optionalNumber(input.root, "", "confidence", 0.95);
        SobolIndices.problemWithConfidence(c).ifPresent(problem -> input.in.fail("/confidence", problem, c));
        return c;
    }

    /**
     * The copula of the run's levers: the request's rank correlations (one row per requested lever) holding
     * within each contract year, and the year-to-year chains of its perYear levers linking the years
     * ({@link RankCorrelation#of(double[][], List)}); null when nothing is correlated.
     */
    public static RankCorrelation correlation(AnalysisInput input, Run run) {
        JsonNode node = input.in.optional(input.root, "correlations");
        if (node == null) return RankCorrelation.of(null, run.draws());
        double[][] matrix = correlation(input, node, run.requested());
        return matrix == null ? null : RankCorrelation.of(matrix, run.draws());
    }

    /** The request's rank-correlation matrix, one row per requested lever, or null when it is not one. */
    private static double[][] correlation(AnalysisInput input, JsonNode node, int levers) {
        List<JsonNode> rows = input.in.array(node, "/correlations");
        double[][] matrix = new double[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            matrix[i] = numbers(input, rows.get(i), JsonPointer.child("/correlations", i));
        }
        List<String> problems = RankCorrelation.problems(matrix, levers);
        for (String p : problems) input.in.fail("/correlations", "not a valid rank-correlation matrix: " + p, null);
        return problems.isEmpty() ? matrix : null;
    }

    public static MonteCarlo.Precision precision(AnalysisInput input, List<Metric> metrics) {
        JsonNode node = input.in.optional(input.root, "precision");
        if (node == null) return null;
        if (!input.in.object(node, "/precision", "a precision target",
                Set.of("metric", "relativeHalfWidth", "halfWidth", "percentile", "confidence"))) return null;
        Metric m = input.metric(input.in.required(node, "/precision", "metric"), "/precision/metric");
        if (m != null && !metrics.contains(m)) {
            input.in.fail("/precision/metric", "'" + m.apiName + "' is not among the run's metrics", m.apiName);
        }
        if (node.has("relativeHalfWidth") == node.has("halfWidth")) {
            input.in.fail("/precision", "give exactly one of 'relativeHalfWidth' (0.01 is ±1 % of the figure) or "
                    + "'halfWidth' (in the metric's unit)", null);
            return null;
        }
        boolean absolute = node.has("halfWidth");
        double width = input.in.requiredNumber(node, "/precision", absolute ? "halfWidth" : "relativeHalfWidth");
        (absolute ? MonteCarlo.Precision.problemWithHalfWidth(width) : MonteCarlo.Precision.problemWithRelativeHalfWidth(width))
                .ifPresent(problem -> input.in.fail(absolute ? "/precision/halfWidth" : "/precision/relativeHalfWidth",
                        problem, null));
        double percentile = input.in.optionalNumber(node, "/precision", "percentile", Double.NaN);
        if (node.has("percentile")) {
            MonteCarlo.Precision.problemWithPercentile(percentile)
                    .ifPresent(problem -> input.in.fail("/precision/percentile", problem, percentile));
        }
        double c = input.in.optionalNumber(node, "/precision", "confidence", 0.95);
        MonteCarlo.Precision.problemWithConfidence(c).ifPresent(problem -> input.in.fail("/precision/confidence", problem, null));
        if (m == null) return null;
        return absolute ? new MonteCarlo.Precision(m, Double.NaN, c, percentile, width)
                : new MonteCarlo.Precision(m, width, c, percentile, Double.NaN);
    }

    /** Equal-count bins of each lever for the change in the mean: 2–100, default 10. */
    public static int meanChangeBins(AnalysisInput input) {
        int bins = input.in.optionalInteger(input.root, "", "meanChangeBins", MonteCarlo.DEFAULT_MEAN_CHANGE_BINS, -1);
        MonteCarlo.problemWithMeanChangeBins(bins).ifPresent(problem -> input.in.fail("/meanChangeBins", problem, null));
        return bins;
    }

    public static double[] percentiles(AnalysisInput input) {
        JsonNode node = input.in.optional(input.root, "percentiles");
        if (node == null) return MonteCarlo.DEFAULT_PERCENTILES;
        double[] p = numbers(input, node, "/percentiles");
        for (int i = 0; i < p.length; i++) {
            double percentile = p[i];
            String at = "/percentiles/" + i;
            MonteCarlo.problemWithPercentile(percentile).ifPresent(problem -> input.in.fail(at, problem, percentile));
        }
        return p;
    }

    public static List<MonteCarlo.Threshold> thresholds(AnalysisInput input, List<Metric> metrics) {
        List<MonteCarlo.Threshold> out = new ArrayList<>();
        List<JsonNode> items = input.in.array(input.in.optional(input.root, "thresholds"), "/thresholds");
        for (int i = 0; i < items.size(); i++) {
            String at = JsonPointer.child("/thresholds", i);
            JsonNode t = items.get(i);
            if (!input.in.object(t, at, "a threshold", Set.of("metric", "below", "above"))) continue;
            Metric m = input.metric(input.in.required(t, at, "metric"), at + "/metric");
            if (t.has("below") == t.has("above")) {
                input.in.fail(at, "give exactly one of 'below' or 'above', e.g. {\"metric\": \"npv\", \"below\": 0}", null);
                continue;
            }
            double value = input.in.number(t.has("below") ? t.get("below") : t.get("above"), at + (t.has("below") ? "/below" : "/above"));
            if (m != null && !metrics.contains(m)) {
                input.in.fail(at + "/metric", "'" + m.apiName + "' is not among the run's metrics", m.apiName);
                continue;
            }
            if (m != null && !Double.isNaN(value)) out.add(new MonteCarlo.Threshold(m, t.has("below"), value));
        }
        return out;
    }
}
