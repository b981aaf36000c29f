package io.parley.api;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.analysis.BoundLever;
import io.parley.analysis.Distribution;
import io.parley.analysis.Grid;
import io.parley.analysis.MonteCarlo;
import io.parley.analysis.Morris;
import io.parley.analysis.RankCorrelation;
import io.parley.analysis.Sampling;
import io.parley.analysis.SobolIndices;
import io.parley.engine.CompiledScenario;
import io.parley.engine.Metric;
import io.parley.model.JsonPointer;
import io.parley.model.Numbers;

/**
 * Uncertainty: Monte Carlo simulation ({@code /analyses/monte-carlo}, with raw samples streamed as
 * CSV or NDJSON and sharded like sweeps), Sobol indices ({@code /analyses/sobol}) and Morris
 * screening ({@code /analyses/morris}).
 */
@Path("/api/v1/analyses")
@io.parley.ops.Traced
public class UncertaintyResource {

    private static final List<Metric> NPV = List.of(Metric.NPV);
    /** The seed when a request gives none: runs are reproducible by default, and the seed is echoed. */
    static final long DEFAULT_SEED = 20261123;

    @jakarta.inject.Inject
    io.parley.ops.Meters meters;

    private final JsonBodies bodies;
    private final ObjectMapper mapper;
    private final ParleyConfig.Uncertainty limits;
    private final String engineVersion;
    private final HeavyWork heavy;

    public UncertaintyResource(JsonBodies bodies, ObjectMapper mapper, ParleyConfig config, HeavyWork heavy,
                               @ConfigProperty(name = "quarkus.application.version") String engineVersion) {
        this.bodies = bodies;
        this.mapper = mapper;
        this.limits = config.uncertainty();
        this.engineVersion = engineVersion;
        this.heavy = heavy;
    }

    // ---------------------------------------------------------------- Monte Carlo

    @POST
    @Path("/monte-carlo")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE, SweepResource.NDJSON})
    public Response monteCarlo(byte[] body, @Context UriInfo uri, @Context HttpHeaders headers) {
        Requests.onlyKnownParameters(uri, Set.of("shard", "shards"));
        String format = Requests.preferred(headers, List.of(MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE, SweepResource.NDJSON));
        boolean raw = !format.equals(MediaType.APPLICATION_JSON);
        AnalysisInput input = new AnalysisInput(bodies.parse(body), "a Monte Carlo request", "scenario", "metrics",
                "levers", "correlations", "samples", "sampling", "seed", "precision", "percentiles", "thresholds",
                "histogramBins");
        input.leversMoveTogether();
        CompiledScenario compiled = input.scenario("scenario");
        List<Metric> metrics = input.metrics("metrics", NPV);
        List<MonteCarlo.Uncertain> levers = levers(input, compiled);
        double asked = input.in.optionalNumber(input.root, "", "samples", 10_000);
        long samples = asked == Math.rint(asked) ? (long) asked : -1;
        if (!Double.isNaN(asked) && samples < 2) {
            input.in.fail("/samples", Numbers.plain(asked) + " is not a whole number of samples, 2 or more", asked);
        }
        long ceiling = raw ? limits.maxStreamedSamples() : limits.maxSamples();
        if (samples > ceiling) {
            throw Problem.overLimit("/samples", raw ? "samples streamed in one request"
                    : "samples summarised in one run (stream them raw as text/csv or application/x-ndjson for up to "
                    + limits.maxStreamedSamples() + ")", samples, ceiling);
        }
        Sampling.Method method = sampling(input);
        long seed = seed(input);
        RankCorrelation correlation = correlation(input, levers.size());
        MonteCarlo.Precision precision = precision(input, metrics);
        double[] percentiles = percentiles(input);
        List<MonteCarlo.Threshold> thresholds = thresholds(input, metrics);
        int bins = input.in.optionalInteger(input.root, "", "histogramBins", MonteCarlo.DEFAULT_HISTOGRAM_BINS, -1);
        if (bins < 1 || bins > 1000) input.in.fail("/histogramBins", "must be a whole number in 1–1000", null);
        input.done();
        if (method == Sampling.Method.SOBOL && samples > Integer.MAX_VALUE) {
            throw Problem.overLimit("/samples", "Sobol samples", samples, Integer.MAX_VALUE);
        }
        if (method == Sampling.Method.LATIN_HYPERCUBE && samples > limits.maxSamples()) {
            // a Latin hypercube's strata are a permutation of every sample per lever, held in memory
            throw Problem.overLimit("/samples", "Latin-hypercube samples (its strata are held in memory; "
                    + "stream more with \"sampling\": \"random\" or \"sobol\")", samples, limits.maxSamples());
        }
        MonteCarlo.Config config = new MonteCarlo.Config(samples, method, seed, threads(), correlation, precision,
                percentiles, thresholds, bins);
        Provenance provenance = new Provenance(engineVersion, Provenance.MODEL_VERSION,
                ScenarioJson.hash(compiled.scenario(), mapper));
        if (raw) {
            int[] shard = shard(uri);
            long[] slice = Grid.shard(samples, shard[0], shard[1]);
            meters.evaluated("monte-carlo", slice[1] - slice[0]);
            StreamingOutput stream = out -> rawSamples(compiled, levers, metrics, config, slice, format, out);
            return EvaluationResource.withProvenance(Response.ok(stream, format.equals(Csv.MEDIA_TYPE)
                            ? Csv.MEDIA_TYPE + "; charset=UTF-8" : SweepResource.NDJSON), provenance)
                    .header("Parley-Samples", samples)
                    .header("Parley-Shard", shard[0] + "/" + shard[1] + " samples " + slice[0] + "-" + slice[1])
                    .build();
        }
        if (uri.getQueryParameters().containsKey("shard") || uri.getQueryParameters().containsKey("shards")) {
            throw Requests.badParameter("shard", "shards split the raw samples (Accept: text/csv or application/x-ndjson); "
                    + "a summary is of the whole run");
        }
        MonteCarlo.Result r;
        try (HeavyWork.Permit permit = heavy.acquire()) {
            r = MonteCarlo.run(compiled, levers, metrics, config);
        }
        meters.evaluated("monte-carlo", r.samples());
        ObjectNode out = mapper.createObjectNode().put("samples", r.samples())
                .put("stoppedBy", r.stoppedByPrecision() ? "precision" : "samples")
                .put("sampling", samplingName(method)).put("seed", seed);
        ArrayNode list = out.putArray("metrics");
        for (MonteCarlo.Summary s : r.metrics()) {
            ObjectNode o = list.addObject().put("metric", s.metric().apiName).put("count", s.count()).put("nulls", s.nulls());
            AnalysisResource.number(o, "mean", s.mean());
            AnalysisResource.number(o, "sd", s.sd());
            AnalysisResource.number(o, "standardError", s.standardError());
            AnalysisResource.number(o, "min", s.min());
            AnalysisResource.number(o, "max", s.max());
            ArrayNode ps = o.putArray("percentiles");
            for (int p = 0; p < percentiles.length; p++) {
                ObjectNode po = ps.addObject();
                po.put("p", percentiles[p]);
                AnalysisResource.number(po, "value", s.percentiles()[p]);
            }
            ArrayNode probabilities = o.putArray("probabilities");
            List<MonteCarlo.Threshold> mine = thresholds.stream().filter(t -> t.metric() == s.metric()).toList();
            for (int t = 0; t < mine.size(); t++) {
                ObjectNode po = probabilities.addObject();
                po.put(mine.get(t).below() ? "below" : "above", mine.get(t).value());
                AnalysisResource.number(po, "probability", s.probabilities()[t]);
            }
            ObjectNode histogram = o.putObject("histogram");
            AnalysisResource.numbers(histogram.putArray("edges"), s.histogram().edges());
            ArrayNode counts = histogram.putArray("counts");
            for (long c : s.histogram().counts()) counts.add(c);
            ArrayNode contributions = o.putArray("contributions");
            for (MonteCarlo.Contribution c : s.contributions()) {
                ObjectNode co = contributions.addObject().put("lever", c.lever());
                AnalysisResource.number(co, "standardisedCoefficient", c.standardisedCoefficient());
                AnalysisResource.number(co, "correlation", c.correlation());
            }
        }
        out.set("provenance", ResultJson.provenance(provenance, mapper));
        return EvaluationResource.withProvenance(Response.ok(out, MediaType.APPLICATION_JSON), provenance).build();
    }

    private void rawSamples(CompiledScenario compiled, List<MonteCarlo.Uncertain> levers, List<Metric> metrics,
                            MonteCarlo.Config config, long[] slice, String format, java.io.OutputStream stream) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
        List<String> columns = new ArrayList<>();
        levers.forEach(l -> columns.add(l.lever().path()));
        metrics.forEach(m -> columns.add(m.apiName));
        boolean csv = format.equals(Csv.MEDIA_TYPE);
        String[] prefixes = new String[columns.size()];
        for (int i = 0; i < prefixes.length; i++) prefixes[i] = "," + mapper.writeValueAsString(columns.get(i)) + ":";
        if (csv) {
            StringBuilder header = new StringBuilder("sample");
            columns.forEach(c -> header.append(',').append(Csv.quote(c)));
            w.write(header.append("\r\n").toString());
        }
        MonteCarlo.stream(compiled, levers, metrics, config, slice[0], slice[1], (index, values, results) -> {
            if (csv) {
                w.write(Long.toString(index));
                for (double v : values) {
                    w.write(',');
                    w.write(Csv.cell(v));
                }
                for (double v : results) {
                    w.write(',');
                    w.write(Csv.cell(v));
                }
                w.write("\r\n");
            } else {
                w.write("{\"sample\":");
                w.write(Long.toString(index));
                int c = 0;
                for (double v : values) {
                    w.write(prefixes[c++]);
                    w.write(Double.isNaN(v) ? "null" : Numbers.plain(v));
                }
                for (double v : results) {
                    w.write(prefixes[c++]);
                    w.write(Double.isNaN(v) ? "null" : Numbers.plain(v));
                }
                w.write("}\n");
            }
        });
        w.flush();
    }

    // ---------------------------------------------------------------- Sobol

    @POST
    @Path("/sobol")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response sobol(byte[] body, @Context UriInfo uri) {
        Requests.onlyKnownParameters(uri, Set.of());
        AnalysisInput input = new AnalysisInput(bodies.parse(body), "a Sobol request", "scenario", "metrics", "levers",
                "n", "seed", "bootstrap", "confidence", "secondOrder");
        input.leversMoveTogether();
        CompiledScenario compiled = input.scenario("scenario");
        List<Metric> metrics = input.metrics("metrics", NPV);
        List<MonteCarlo.Uncertain> levers = levers(input, compiled);
        int n = input.in.optionalInteger(input.root, "", "n", 1024, -1);
        if (n < 2 || Integer.bitCount(n) != 1) {
            input.in.fail("/n", n + " is not a power of two, 2 or more (Sobol points balance in powers of two)", n);
        }
        long seed = seed(input);
        int bootstrap = input.in.optionalInteger(input.root, "", "bootstrap", SobolIndices.DEFAULT_BOOTSTRAP, -1);
        if (bootstrap < 10 || bootstrap > 10_000) input.in.fail("/bootstrap", "must be a whole number in 10–10000", null);
        double confidence = confidence(input);
        boolean secondOrder = input.in.optionalBoolean(input.root, "", "secondOrder", false);
        input.done();
        long evaluations = SobolIndices.evaluations(n, levers.size(), secondOrder);
        if (evaluations > limits.maxSobolEvaluations()) {
            throw Problem.overLimit("/n", "evaluations of one Sobol run, n × (levers + 2), or n × (2 levers + 2) with"
                    + " second order", evaluations, limits.maxSobolEvaluations());
        }
        List<SobolIndices.Result> results;
        try (HeavyWork.Permit permit = heavy.acquire()) {
            results = SobolIndices.run(compiled, levers, metrics, n, seed, bootstrap, confidence, secondOrder, threads());
        }
        meters.evaluated("sobol", evaluations);
        ObjectNode out = mapper.createObjectNode().put("n", n).put("evaluations", evaluations).put("seed", seed)
                .put("bootstrap", bootstrap).put("confidence", confidence);
        ArrayNode list = out.putArray("metrics");
        for (SobolIndices.Result r : results) {
            ObjectNode o = list.addObject().put("metric", r.metric().apiName);
            AnalysisResource.number(o, "variance", r.variance());
            ArrayNode indices = o.putArray("indices");
            for (SobolIndices.Index i : r.indices()) {
                ObjectNode io = indices.addObject().put("lever", i.lever());
                AnalysisResource.number(io, "first", i.first());
                AnalysisResource.number(io, "firstLow", i.firstLow());
                AnalysisResource.number(io, "firstHigh", i.firstHigh());
                AnalysisResource.number(io, "total", i.total());
                AnalysisResource.number(io, "totalLow", i.totalLow());
                AnalysisResource.number(io, "totalHigh", i.totalHigh());
            }
            if (secondOrder) {
                ArrayNode pairs = o.putArray("pairs");
                for (SobolIndices.Pair p : r.pairs()) {
                    ObjectNode po = pairs.addObject();
                    po.putArray("levers").add(p.first()).add(p.second());
                    AnalysisResource.number(po, "index", p.index());
                    AnalysisResource.number(po, "low", p.low());
                    AnalysisResource.number(po, "high", p.high());
                }
            }
        }
        return respond(out, compiled);
    }

    // ---------------------------------------------------------------- Morris

    @POST
    @Path("/morris")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response morris(byte[] body, @Context UriInfo uri) {
        Requests.onlyKnownParameters(uri, Set.of());
        AnalysisInput input = new AnalysisInput(bodies.parse(body), "a Morris request", "scenario", "metrics", "levers",
                "trajectories", "levels", "seed");
        input.leversMoveTogether();
        CompiledScenario compiled = input.scenario("scenario");
        List<Metric> metrics = input.metrics("metrics", NPV);
        List<MonteCarlo.Uncertain> levers = levers(input, compiled);
        int trajectories = input.in.optionalInteger(input.root, "", "trajectories", 20, -1);
        if (trajectories < 2) input.in.fail("/trajectories", "must be a whole number, 2 or more", null);
        if (trajectories > limits.maxTrajectories()) {
            throw Problem.overLimit("/trajectories", "Morris trajectories", trajectories, limits.maxTrajectories());
        }
        int levels = input.in.optionalInteger(input.root, "", "levels", 4, -1);
        if (levels < 2 || levels % 2 != 0 || levels > 100) {
            input.in.fail("/levels", "must be an even whole number in 2–100 (the grid levels of each lever)", null);
        }
        long seed = seed(input);
        input.done();
        List<Morris.Result> results;
        try (HeavyWork.Permit permit = heavy.acquire()) {
            results = Morris.run(compiled, levers, metrics, trajectories, levels, seed);
        }
        meters.evaluated("morris", (long) trajectories * (levers.size() + 1));
        ObjectNode out = mapper.createObjectNode().put("trajectories", trajectories).put("levels", levels)
                .put("evaluations", (long) trajectories * (levers.size() + 1)).put("seed", seed);
        ArrayNode list = out.putArray("metrics");
        for (Morris.Result r : results) {
            ArrayNode effects = list.addObject().put("metric", r.metric().apiName).putArray("effects");
            for (Morris.Effect e : r.effects()) {
                ObjectNode o = effects.addObject().put("lever", e.lever());
                AnalysisResource.number(o, "mu", e.mu());
                AnalysisResource.number(o, "muStar", e.muStar());
                AnalysisResource.number(o, "sigma", e.sigma());
            }
        }
        return respond(out, compiled);
    }

    // ---------------------------------------------------------------- reading

    private List<MonteCarlo.Uncertain> levers(AnalysisInput input, CompiledScenario compiled) {
        List<JsonNode> items = input.in.array(input.in.required(input.root, "", "levers"), "/levers");
        if (input.root.path("levers").isArray() && items.isEmpty()) {
            input.in.fail("/levers", "names no uncertain lever; give at least one", null);
        }
        if (items.size() > limits.maxLevers()) {
            throw Problem.overLimit("/levers", "uncertain levers in one run", items.size(), limits.maxLevers());
        }
        List<MonteCarlo.Uncertain> levers = new ArrayList<>();
        Set<Integer> slots = new java.util.HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String at = JsonPointer.child("/levers", i);
            JsonNode item = items.get(i);
            if (!input.in.object(item, at, "an uncertain lever", Set.of("path", "distribution"))) continue;
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
            boolean ok = true;
            if (distribution instanceof Distribution.Discrete discrete) {
                for (int v = 0; v < discrete.values().length; v++) {
                    ok &= input.allowed(compiled, lever, discrete.values()[v], at + "/distribution/values/" + v);
                }
            } else {
                ok = input.allowed(compiled, lever, distribution.quantile(Sampling_EDGE), at + "/distribution")
                        && input.allowed(compiled, lever, distribution.quantile(1 - Sampling_EDGE), at + "/distribution");
            }
            if (ok) levers.add(new MonteCarlo.Uncertain(lever, distribution));
        }
        return levers;
    }

    /** The smallest uniform a run draws (see Sampling): the support checked is what the run can produce. */
    private static final double Sampling_EDGE = 1e-12;

    private static Distribution distribution(AnalysisInput input, JsonNode node, String at) {
        Set<String> fields = Set.of("type", "mean", "sd", "lower", "upper", "min", "mode", "max", "alpha", "beta",
                "values", "probabilities");
        if (!input.in.object(node, at, "a distribution", fields)) return null;
        String type = input.in.requiredText(node, at, "type");
        if (type == null) return null;
        Distribution d;
        List<String> allowed;
        switch (type) {
            case "normal" -> {
                allowed = List.of("type", "mean", "sd");
                d = new Distribution.Normal(input.in.requiredNumber(node, at, "mean"), input.in.requiredNumber(node, at, "sd"));
            }
            case "truncatedNormal" -> {
                allowed = List.of("type", "mean", "sd", "lower", "upper");
                d = new Distribution.TruncatedNormal(input.in.requiredNumber(node, at, "mean"), input.in.requiredNumber(node, at, "sd"),
                        input.in.requiredNumber(node, at, "lower"), input.in.requiredNumber(node, at, "upper"));
            }
            case "lognormal" -> {
                allowed = List.of("type", "mean", "sd");
                d = new Distribution.LogNormal(input.in.requiredNumber(node, at, "mean"), input.in.requiredNumber(node, at, "sd"));
            }
            case "uniform" -> {
                allowed = List.of("type", "min", "max");
                d = new Distribution.Uniform(input.in.requiredNumber(node, at, "min"), input.in.requiredNumber(node, at, "max"));
            }
            case "triangular" -> {
                allowed = List.of("type", "min", "mode", "max");
                d = new Distribution.Triangular(input.in.requiredNumber(node, at, "min"), input.in.requiredNumber(node, at, "mode"),
                        input.in.requiredNumber(node, at, "max"));
            }
            case "pert" -> {
                allowed = List.of("type", "min", "mode", "max");
                d = new Distribution.Pert(input.in.requiredNumber(node, at, "min"), input.in.requiredNumber(node, at, "mode"),
                        input.in.requiredNumber(node, at, "max"));
            }
            case "beta" -> {
                allowed = List.of("type", "alpha", "beta", "min", "max");
                d = new Distribution.Beta(input.in.requiredNumber(node, at, "alpha"), input.in.requiredNumber(node, at, "beta"),
                        input.in.optionalNumber(node, at, "min", 0), input.in.optionalNumber(node, at, "max", 1));
            }
            case "discrete" -> {
                allowed = List.of("type", "values", "probabilities");
                double[] values = numbers(input, input.in.required(node, at, "values"), at + "/values");
                double[] probabilities = numbers(input, input.in.required(node, at, "probabilities"), at + "/probabilities");
                d = new Distribution.Discrete(values, probabilities);
            }
            default -> {
                input.in.fail(at + "/type", "'" + type + "' is not one of normal, truncatedNormal, lognormal, uniform, "
                        + "triangular, pert, beta, discrete", type);
                return null;
            }
        }
        boolean ok = true;
        for (var it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                input.in.fail(JsonPointer.child(at, f), "a " + type + " distribution has no '" + f + "'; it takes "
                        + String.join(", ", allowed.subList(1, allowed.size())), null);
                ok = false;
            }
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

    private static Sampling.Method sampling(AnalysisInput input) {
        String name = input.in.optionalText(input.root, "", "sampling", "latinHypercube");
        if (name == null) return Sampling.Method.LATIN_HYPERCUBE;
        return switch (name) {
            case "random" -> Sampling.Method.RANDOM;
            case "latinHypercube" -> Sampling.Method.LATIN_HYPERCUBE;
            case "sobol" -> Sampling.Method.SOBOL;
            default -> {
                input.in.fail("/sampling", "'" + name + "' is not one of random, latinHypercube, sobol", name);
                yield Sampling.Method.RANDOM;
            }
        };
    }

    private static String samplingName(Sampling.Method m) {
        return switch (m) {
            case RANDOM -> "random";
            case LATIN_HYPERCUBE -> "latinHypercube";
            case SOBOL -> "sobol";
        };
    }

    private static long seed(AnalysisInput input) {
        JsonNode node = input.in.optional(input.root, "seed");
        if (node == null) return DEFAULT_SEED;
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            input.in.fail("/seed", "must be a whole number (a 64-bit integer)", null);
            return DEFAULT_SEED;
        }
        return node.longValue();
    }

    private static double confidence(AnalysisInput input) {
        double c = input.in.optionalNumber(input.root, "", "confidence", 0.95);
        if (!(c > 0 && c < 1)) input.in.fail("/confidence", Numbers.plain(c) + " is not a confidence level in (0, 1)", c);
        return c;
    }

    private RankCorrelation correlation(AnalysisInput input, int levers) {
        JsonNode node = input.in.optional(input.root, "correlations");
        if (node == null) return null;
        List<JsonNode> rows = input.in.array(node, "/correlations");
        double[][] matrix = new double[rows.size()][];
        for (int i = 0; i < rows.size(); i++) {
            matrix[i] = numbers(input, rows.get(i), JsonPointer.child("/correlations", i));
        }
        List<String> problems = RankCorrelation.problems(matrix, levers);
        for (String p : problems) input.in.fail("/correlations", "not a valid rank-correlation matrix: " + p, null);
        return problems.isEmpty() ? RankCorrelation.of(matrix) : null;
    }

    private static MonteCarlo.Precision precision(AnalysisInput input, List<Metric> metrics) {
        JsonNode node = input.in.optional(input.root, "precision");
        if (node == null) return null;
        if (!input.in.object(node, "/precision", "a precision target", Set.of("metric", "relativeHalfWidth", "confidence"))) return null;
        Metric m = input.metric(input.in.required(node, "/precision", "metric"), "/precision/metric");
        if (m != null && !metrics.contains(m)) {
            input.in.fail("/precision/metric", "'" + m.apiName + "' is not among the run's metrics", m.apiName);
        }
        double width = input.in.requiredNumber(node, "/precision", "relativeHalfWidth");
        if (!(width > 0)) input.in.fail("/precision/relativeHalfWidth", "must be positive, e.g. 0.01 for ±1 %", null);
        double c = input.in.optionalNumber(node, "/precision", "confidence", 0.95);
        if (!(c > 0 && c < 1)) input.in.fail("/precision/confidence", "must lie in (0, 1)", null);
        return m == null ? null : new MonteCarlo.Precision(m, width, c);
    }

    private static double[] percentiles(AnalysisInput input) {
        JsonNode node = input.in.optional(input.root, "percentiles");
        if (node == null) return MonteCarlo.DEFAULT_PERCENTILES;
        double[] p = numbers(input, node, "/percentiles");
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] >= 0 && p[i] <= 1)) input.in.fail("/percentiles/" + i, Numbers.plain(p[i]) + " is not in [0, 1] (0.05 is P5)", p[i]);
        }
        return p;
    }

    private static List<MonteCarlo.Threshold> thresholds(AnalysisInput input, List<Metric> metrics) {
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

    private int[] shard(UriInfo uri) {
        String k = uri.getQueryParameters().getFirst("shard");
        String n = uri.getQueryParameters().getFirst("shards");
        if (k == null && n == null) return new int[] {1, 1};
        if (k == null || n == null) throw Requests.badParameter("shard", "give both shard=k and shards=n (1 ≤ k ≤ n), or neither");
        int shards = Requests.integer("shards", n, 1, 10_000);
        return new int[] {Requests.integer("shard", k, 1, shards), shards};
    }

    private int threads() {
        return limits.threads() > 0 ? limits.threads() : Runtime.getRuntime().availableProcessors();
    }

    private Response respond(ObjectNode out, CompiledScenario compiled) {
        Provenance provenance = new Provenance(engineVersion, Provenance.MODEL_VERSION, ScenarioJson.hash(compiled.scenario(), mapper));
        out.set("provenance", ResultJson.provenance(provenance, mapper));
        return EvaluationResource.withProvenance(Response.ok(out, MediaType.APPLICATION_JSON), provenance).build();
    }
}
