package io.parley.api;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

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

import io.parley.analysis.Groups;
import io.parley.analysis.MonteCarlo;
import io.parley.analysis.Morris;
import io.parley.analysis.RankCorrelation;
import io.parley.analysis.Sampling;
import io.parley.analysis.SobolIndices;
import io.parley.document.AnalysisInput;
import io.parley.document.Csv;
import io.parley.document.UncertaintyInput;
import io.parley.engine.CompiledScenario;
import io.parley.engine.Cost;
import io.parley.engine.Metric;
import io.parley.model.Spellings;
import io.parley.ops.Meters;
import io.parley.ops.ParleyConfig;
import io.parley.ops.Traced;

/**
 * Uncertainty: Monte Carlo simulation ({@code /analyses/monte-carlo}, with raw samples streamed as
 * CSV or NDJSON and sharded like sweeps), Sobol indices ({@code /analyses/sobol}) and Morris
 * screening ({@code /analyses/morris}).
 */
@Path("/api/v1/analyses")
@Consumes(MediaType.APPLICATION_JSON)
@Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
@Traced
public class UncertaintyResource {

    @Inject
    Meters meters;

    @Inject JsonBodies bodies;
    private final ParleyConfig.Uncertainty limits;
    private final int maxShards;
    @Inject ProvenanceSource provenances;
    @Inject HeavyWork heavy;
    @Inject AnalysisThreads threads;

    public UncertaintyResource(ParleyConfig config) {
        this.limits = config.uncertainty();
        this.maxShards = config.analyses().maxShards();
    }

    // ---------------------------------------------------------------- Monte Carlo

    @POST
    @Path("/monte-carlo")
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE, Format.NDJSON_TYPE})
    @QueryParameters({"shard", "shards"})
    public Response monteCarlo(byte[] body, @Context UriInfo uri, @Context HttpHeaders headers) {
        Format format = Format.negotiate(headers, Format.JSON, Format.CSV, Format.NDJSON);
        boolean raw = format != Format.JSON;
        AnalysisInput input = new AnalysisInput(bodies.parse(body), "a Monte Carlo request", "scenario", "metrics",
                "levers", "correlations", "samples", "sampling", "seed", "precision", "percentiles", "thresholds",
                "histogramBins", "confidence", "meanChangeBins");
        UncertaintyInput.Run run = UncertaintyInput.run(input, limits.maxLevers());
        double asked = input.in.optionalNumber(input.root, "", "samples", 10_000);
        long samples = MonteCarlo.samples(asked);
        MonteCarlo.problemWithSamples(asked).ifPresent(problem -> input.in.fail("/samples", problem, asked));
        long ceiling = raw ? limits.maxStreamedSamples() : limits.maxSamples();
        if (samples > ceiling) {
            throw Problem.overLimit("/samples", raw ? "samples streamed in one request"
                    : "samples summarised in one run (stream them raw as text/csv or application/x-ndjson for up to "
                    + limits.maxStreamedSamples() + ")", samples, ceiling);
        }
        Sampling.Method method = UncertaintyInput.sampling(input);
        long seed = UncertaintyInput.seed(input);
        RankCorrelation correlation = UncertaintyInput.correlation(input, run);
        MonteCarlo.Precision precision = UncertaintyInput.precision(input, run.metrics());
        double[] percentiles = UncertaintyInput.percentiles(input);
        List<MonteCarlo.Threshold> thresholds = UncertaintyInput.thresholds(input, run.metrics());
        int bins = input.in.optionalInteger(input.root, "", "histogramBins", MonteCarlo.DEFAULT_HISTOGRAM_BINS, -1);
        MonteCarlo.problemWithHistogramBins(bins).ifPresent(problem -> input.in.fail("/histogramBins", problem, null));
        double confidence = UncertaintyInput.confidence(input);
        int meanChangeBins = UncertaintyInput.meanChangeBins(input);
        input.done();
        if (method == Sampling.Method.SOBOL && samples > Integer.MAX_VALUE) {
            throw Problem.overLimit("/samples", "Sobol samples", samples, Integer.MAX_VALUE);
        }
        MonteCarlo.Config config = new MonteCarlo.Config(samples, method, seed, threads.count(), correlation, precision,
                percentiles, thresholds, bins, confidence, meanChangeBins);
        Shard shard = raw ? Shard.of(uri, maxShards) : Shard.WHOLE;
        Provenance provenance = provenances.of(run.compiled().scenario(), input.root, "scenario",
                new Provenance.Sampled(Spellings.of(method), seed), shard.inHash());
        if (raw) {
            long[] slice = shard.of(samples);
            meters.evaluated("monte-carlo", slice[1] - slice[0]);
            // the stream holds a slot like a summary does, and stops when its client goes away
            HeavyWork.Permit permit = heavy.admitHeavy("/samples", Cost.of(slice[1] - slice[0], run.compiled()));
            CompiledScenario watched = permit.watch(run.compiled());
            StreamingOutput stream = permit.stream(out -> rawSamples(watched, run.levers(), run.metrics(), config, slice, format, out));
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
        long bytes = MonteCarlo.heapBytes(samples, run.levers().size(), run.metrics().size(), threads.count());
        try (HeavyWork.Permit permit = heavy.admitHeavy("/samples", Cost.of(samples, run.compiled()), bytes,
                "one Monte Carlo summary")) {
            r = MonteCarlo.run(permit.watch(run.compiled()), run.levers(), run.metrics(), config, threads.executor());
        }
        meters.evaluated("monte-carlo", r.samples());
        return json(UncertaintyJson.monteCarlo(r, Spellings.of(method), config, provenance), provenance);
    }

    /**
     * The samples of one shard as rows: the sample's index, each lever's value, each metric's; drawn and
     * evaluated here, their digits written on the formatting threads meanwhile ({@link RowBlocks}).
     */
    static void rawSamples(CompiledScenario compiled, List<MonteCarlo.Uncertain> levers, List<Metric> metrics,
                           MonteCarlo.Config config, long[] slice, Format format, OutputStream stream)
            throws IOException {
        List<String> columns = new ArrayList<>(List.of("sample"));
        levers.forEach(l -> columns.add(l.lever().path()));
        metrics.forEach(m -> columns.add(m.apiName));
        try (RowBlocks rows = RowBlocks.openIndexed(stream, format, columns)) {
            MonteCarlo.stream(compiled, levers, metrics, config, slice[0], slice[1], rows);
            rows.finish();
        }
    }

    // ---------------------------------------------------------------- Sobol

    @POST
    @Path("/sobol")
    public Response sobol(byte[] body, @Context HttpHeaders headers) {
        Grouped request = grouped(body, headers, "a Sobol request", "n", "seed", "bootstrap", "confidence", "secondOrder");
        AnalysisInput input = request.input();
        UncertaintyInput.Run run = request.run();
        Groups groups = request.groups();
        int n = input.in.optionalInteger(input.root, "", "n", 1024, -1);
        SobolIndices.problemWithPoints(n).ifPresent(problem -> input.in.fail("/n", problem, n));
        long seed = UncertaintyInput.seed(input);
        // named so that a client who sends it learns why it is not taken, rather than that it is unknown
        if (input.root.has("bootstrap")) input.in.fail("/bootstrap", SobolIndices.NO_BOOTSTRAP, input.root.get("bootstrap"));
        double confidence = UncertaintyInput.confidence(input);
        boolean secondOrder = input.in.optionalBoolean(input.root, "", "secondOrder", false);
        input.done();
        long evaluations = SobolIndices.evaluations(n, groups.size(), secondOrder);
        if (evaluations > limits.maxSobolEvaluations()) {
            throw Problem.overLimit("/n", "evaluations of one Sobol run, n × (levers + 2), or n × (2 levers + 2) with"
                    + " second order (groups count as one lever)", evaluations, limits.maxSobolEvaluations());
        }
        List<SobolIndices.Result> results;
        long bytes = SobolIndices.heapBytes(run.compiled(), n, run.levers().size(), groups.size(), run.metrics().size(),
                secondOrder, threads.count());
        try (HeavyWork.Permit permit = heavy.admitHeavy("/n", Cost.of(evaluations, run.compiled()), bytes, "one Sobol run")) {
            results = SobolIndices.run(permit.watch(run.compiled()), run.levers(), groups, run.metrics(), n, seed, confidence,
                    secondOrder, threads.executor());
        }
        meters.evaluated("sobol", evaluations);
        Provenance provenance = provenances.of(run.compiled().scenario(), input.root, "scenario",
                new Provenance.Sampled("saltelli", seed));
        List<UncertaintyJson.SobolMetric> indices = UncertaintyJson.sobol(results, secondOrder, run.levers(), groups);
        if (request.format() == Format.CSV) return csv(UncertaintyJson.sobolCsv(indices), provenance);
        return json(new UncertaintyJson.SobolAnswer(n, evaluations, seed, confidence, indices, provenance),
                provenance);
    }

    // ---------------------------------------------------------------- Morris

    @POST
    @Path("/morris")
    public Response morris(byte[] body, @Context HttpHeaders headers) {
        Grouped request = grouped(body, headers, "a Morris request", "trajectories", "levels", "seed", "bootstrap",
                "confidence");
        AnalysisInput input = request.input();
        UncertaintyInput.Run run = request.run();
        Groups groups = request.groups();
        int trajectories = input.in.optionalInteger(input.root, "", "trajectories", 20, -1);
        Morris.problemWithTrajectories(trajectories).ifPresent(problem -> input.in.fail("/trajectories", problem, null));
        if (trajectories > limits.maxTrajectories()) {
            throw Problem.overLimit("/trajectories", "Morris trajectories", trajectories, limits.maxTrajectories());
        }
        int levels = input.in.optionalInteger(input.root, "", "levels", 4, -1);
        Morris.problemWithLevels(levels).ifPresent(problem -> input.in.fail("/levels", problem, null));
        long seed = UncertaintyInput.seed(input);
        int resamples = input.in.optionalInteger(input.root, "", "bootstrap", Morris.DEFAULT_RESAMPLES, -1);
        Morris.problemWithResamples(resamples).ifPresent(problem -> input.in.fail("/bootstrap", problem, null));
        double confidence = UncertaintyInput.confidence(input);
        input.done();
        long evaluations = Morris.evaluations(trajectories, groups.size());
        List<Morris.Result> results;
        long bytes = Morris.heapBytes(run.compiled(), run.levers().size(), trajectories, groups.size(),
                run.metrics().size(), resamples);
        try (HeavyWork.Permit permit = heavy.admitHeavy("/trajectories",
                Cost.of(evaluations, run.compiled()), bytes, "one Morris screening")) {
            results = Morris.run(permit.watch(run.compiled()), run.levers(), groups, run.metrics(), trajectories, levels, seed,
                    resamples, confidence);
        }
        meters.evaluated("morris", evaluations);
        Provenance provenance = provenances.of(run.compiled().scenario(), input.root, "scenario",
                new Provenance.Sampled("morris", seed));
        UncertaintyJson.MorrisAnswer answer = new UncertaintyJson.MorrisAnswer(trajectories, levels, evaluations, seed,
                resamples, confidence, UncertaintyJson.morris(results, run.levers(), groups), provenance);
        return request.format() == Format.CSV ? csv(UncertaintyJson.morrisCsv(answer), provenance) : json(answer, provenance);
    }

    /** What a grouped sensitivity request (Sobol, Morris) opens with: the answer's format, the request, its run and groups. */
    private record Grouped(Format format, AnalysisInput input, UncertaintyInput.Run run, Groups groups) {
    }

    private Grouped grouped(byte[] body, HttpHeaders headers, String what, String... settings) {
        Format format = Format.negotiate(headers, Format.JSON, Format.CSV);
        String[] fields = Stream.concat(Stream.of("scenario", "metrics", "levers"), Stream.of(settings)).toArray(String[]::new);
        AnalysisInput input = bodies.analysisRequest(body, what, fields);
        UncertaintyInput.Run run = UncertaintyInput.run(input, limits.maxLevers(), true);
        return new Grouped(format, input, run, UncertaintyInput.groups(input, run));
    }

    private static Response csv(String table, Provenance provenance) {
        return provenance.stamp(Response.ok(table, Format.CSV.contentType)).build();
    }

    private static Response json(Object answer, Provenance provenance) {
        return provenance.stamp(Response.ok(answer, MediaType.APPLICATION_JSON)).build();
    }
}
