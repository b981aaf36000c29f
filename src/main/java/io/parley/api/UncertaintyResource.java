package io.parley.api;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.inject.Inject;
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

import io.parley.analysis.MonteCarlo;
import io.parley.analysis.Morris;
import io.parley.analysis.RankCorrelation;
import io.parley.analysis.Sampling;
import io.parley.analysis.SobolIndices;
import io.parley.engine.CompiledScenario;
import io.parley.engine.Metric;
import io.parley.model.Numbers;
import io.parley.ops.Meters;
import io.parley.ops.Traced;

/**
 * Uncertainty: Monte Carlo simulation ({@code /analyses/monte-carlo}, with raw samples streamed as
 * CSV or NDJSON and sharded like sweeps), Sobol indices ({@code /analyses/sobol}) and Morris
 * screening ({@code /analyses/morris}).
 */
@Path("/api/v1/analyses")
@Traced
public class UncertaintyResource {

    private static final List<Metric> NPV = List.of(Metric.NPV);

    @Inject
    Meters meters;

    private final JsonBodies bodies;
    private final ParleyConfig.Uncertainty limits;
    private final int maxShards;
    private final ProvenanceSource provenances;
    private final HeavyWork heavy;
    private final AnalysisThreads threads;

    public UncertaintyResource(JsonBodies bodies, ParleyConfig config, ProvenanceSource provenances, HeavyWork heavy,
                               AnalysisThreads threads) {
        this.bodies = bodies;
        this.limits = config.uncertainty();
        this.maxShards = config.analyses().maxShards();
        this.provenances = provenances;
        this.heavy = heavy;
        this.threads = threads;
    }

    // ---------------------------------------------------------------- Monte Carlo

    @POST
    @Path("/monte-carlo")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE, Format.NDJSON_TYPE})
    public Response monteCarlo(byte[] body, @Context UriInfo uri, @Context HttpHeaders headers) {
        Requests.onlyKnownParameters(uri, Set.of("shard", "shards"));
        Format format = Format.negotiate(headers, Format.JSON, Format.CSV, Format.NDJSON);
        boolean raw = format != Format.JSON;
        AnalysisInput input = new AnalysisInput(bodies.parse(body), "a Monte Carlo request", "scenario", "metrics",
                "levers", "correlations", "samples", "sampling", "seed", "precision", "percentiles", "thresholds",
                "histogramBins", "confidence", "meanChangeBins");
        input.leversMoveTogether();
        CompiledScenario compiled = input.scenario("scenario");
        List<Metric> metrics = input.metrics("metrics", NPV);
        List<MonteCarlo.Uncertain> levers = UncertaintyInput.levers(input, compiled, limits.maxLevers());
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
        Sampling.Method method = UncertaintyInput.sampling(input);
        long seed = UncertaintyInput.seed(input);
        RankCorrelation correlation = UncertaintyInput.correlation(input, levers.size());
        MonteCarlo.Precision precision = UncertaintyInput.precision(input, metrics);
        double[] percentiles = UncertaintyInput.percentiles(input);
        List<MonteCarlo.Threshold> thresholds = UncertaintyInput.thresholds(input, metrics);
        int bins = input.in.optionalInteger(input.root, "", "histogramBins", MonteCarlo.DEFAULT_HISTOGRAM_BINS, -1);
        if (bins < 1 || bins > 1000) input.in.fail("/histogramBins", "must be a whole number in 1–1000", null);
        double confidence = UncertaintyInput.confidence(input);
        int meanChangeBins = UncertaintyInput.meanChangeBins(input);
        input.done();
        if (method == Sampling.Method.SOBOL && samples > Integer.MAX_VALUE) {
            throw Problem.overLimit("/samples", "Sobol samples", samples, Integer.MAX_VALUE);
        }
        if (method == Sampling.Method.LATIN_HYPERCUBE && samples > limits.maxSamples()) {
            // a Latin hypercube's strata are a permutation of every sample per lever, held in memory
            throw Problem.overLimit("/samples", "Latin-hypercube samples (its strata are held in memory; "
                    + "stream more with \"sampling\": \"random\" or \"sobol\")", samples, limits.maxSamples());
        }
        MonteCarlo.Config config = new MonteCarlo.Config(samples, method, seed, threads.count(), correlation, precision,
                percentiles, thresholds, bins, confidence, meanChangeBins);
        Provenance provenance = provenances.of(compiled.scenario());
        if (raw) {
            Shard shard = Shard.of(uri, maxShards);
            long[] slice = shard.of(samples);
            meters.evaluated("monte-carlo", slice[1] - slice[0]);
            StreamingOutput stream = out -> rawSamples(compiled, levers, metrics, config, slice, format, out);
            return provenance.stamp(Response.ok(stream, format.contentType))
                    .header("Parley-Samples", samples)
                    .header("Parley-Shard", shard.index() + "/" + shard.count() + " samples " + slice[0] + "-" + slice[1])
                    .build();
        }
        if (Shard.asked(uri)) {
            throw Requests.badParameter("shard", "shards split the raw samples (Accept: text/csv or application/x-ndjson); "
                    + "a summary is of the whole run");
        }
        MonteCarlo.Result r;
        try (HeavyWork.Permit permit = heavy.acquire()) {
            r = MonteCarlo.run(compiled, levers, metrics, config, threads.executor());
        }
        meters.evaluated("monte-carlo", r.samples());
        return json(UncertaintyJson.monteCarlo(r, UncertaintyInput.samplingName(method), config, provenance), provenance);
    }

    /** The samples of one shard as rows: the sample's index, each lever's value, each metric's. */
    private static void rawSamples(CompiledScenario compiled, List<MonteCarlo.Uncertain> levers, List<Metric> metrics,
                                   MonteCarlo.Config config, long[] slice, Format format, OutputStream stream)
            throws IOException {
        List<String> columns = new ArrayList<>(List.of("sample"));
        levers.forEach(l -> columns.add(l.lever().path()));
        metrics.forEach(m -> columns.add(m.apiName));
        RowWriter rows = RowWriter.open(stream, format, columns);
        MonteCarlo.stream(compiled, levers, metrics, config, slice[0], slice[1],
                (index, values, results) -> rows.cell(index).cells(values).cells(results).end());
        rows.flush();
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
        List<MonteCarlo.Uncertain> levers = UncertaintyInput.levers(input, compiled, limits.maxLevers());
        int n = input.in.optionalInteger(input.root, "", "n", 1024, -1);
        if (n < 2 || Integer.bitCount(n) != 1) {
            input.in.fail("/n", n + " is not a power of two, 2 or more (Sobol points balance in powers of two)", n);
        }
        long seed = UncertaintyInput.seed(input);
        int bootstrap = input.in.optionalInteger(input.root, "", "bootstrap", SobolIndices.DEFAULT_BOOTSTRAP, -1);
        if (bootstrap < 10 || bootstrap > 10_000) input.in.fail("/bootstrap", "must be a whole number in 10–10000", null);
        double confidence = UncertaintyInput.confidence(input);
        boolean secondOrder = input.in.optionalBoolean(input.root, "", "secondOrder", false);
        input.done();
        long evaluations = SobolIndices.evaluations(n, levers.size(), secondOrder);
        if (evaluations > limits.maxSobolEvaluations()) {
            throw Problem.overLimit("/n", "evaluations of one Sobol run, n × (levers + 2), or n × (2 levers + 2) with"
                    + " second order", evaluations, limits.maxSobolEvaluations());
        }
        List<SobolIndices.Result> results;
        try (HeavyWork.Permit permit = heavy.acquire()) {
            results = SobolIndices.run(compiled, levers, metrics, n, seed, bootstrap, confidence, secondOrder,
                    threads.executor());
        }
        meters.evaluated("sobol", evaluations);
        Provenance provenance = provenances.of(compiled.scenario());
        return json(new UncertaintyJson.SobolAnswer(n, evaluations, seed, bootstrap, confidence,
                UncertaintyJson.sobol(results, secondOrder), provenance), provenance);
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
        List<MonteCarlo.Uncertain> levers = UncertaintyInput.levers(input, compiled, limits.maxLevers());
        int trajectories = input.in.optionalInteger(input.root, "", "trajectories", 20, -1);
        if (trajectories < 2) input.in.fail("/trajectories", "must be a whole number, 2 or more", null);
        if (trajectories > limits.maxTrajectories()) {
            throw Problem.overLimit("/trajectories", "Morris trajectories", trajectories, limits.maxTrajectories());
        }
        int levels = input.in.optionalInteger(input.root, "", "levels", 4, -1);
        if (levels < 2 || levels % 2 != 0 || levels > 100) {
            input.in.fail("/levels", "must be an even whole number in 2–100 (the grid levels of each lever)", null);
        }
        long seed = UncertaintyInput.seed(input);
        input.done();
        List<Morris.Result> results;
        try (HeavyWork.Permit permit = heavy.acquire()) {
            results = Morris.run(compiled, levers, metrics, trajectories, levels, seed);
        }
        meters.evaluated("morris", (long) trajectories * (levers.size() + 1));
        Provenance provenance = provenances.of(compiled.scenario());
        return json(new UncertaintyJson.MorrisAnswer(trajectories, levels, (long) trajectories * (levers.size() + 1), seed,
                UncertaintyJson.morris(results), provenance), provenance);
    }

    private static Response json(Object answer, Provenance provenance) {
        return provenance.stamp(Response.ok(answer, MediaType.APPLICATION_JSON)).build();
    }
}
