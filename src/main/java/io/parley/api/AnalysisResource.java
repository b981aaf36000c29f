package io.parley.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;

import io.parley.analysis.BoundLever;
import io.parley.analysis.BreakEven;
import io.parley.analysis.Bridge;
import io.parley.analysis.GoalSeek;
import io.parley.analysis.Spider;
import io.parley.analysis.Tornado;
import io.parley.document.AnalysisInput;
import io.parley.document.AnalysisReaders;
import io.parley.document.Csv;
import io.parley.engine.CompiledScenario;
import io.parley.engine.Cost;
import io.parley.engine.Metric;
import io.parley.model.Spellings;
import io.parley.ops.ParleyConfig;
import io.parley.ops.Traced;

/**
 * The deterministic what-if analyses: tornado, spider, goal seek, break-even and bridge. Each reads its
 * request (see {@link AnalysisReaders}), runs one core analysis and answers with a record. Sweeps, which
 * stream, are in {@link SweepResource}.
 */
@Path("/api/v1/analyses")
@Consumes(MediaType.APPLICATION_JSON)
@Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
@Traced
public class AnalysisResource {

    private static final List<Metric> NPV = List.of(Metric.NPV);

    @Inject JsonBodies bodies;
    private final ObjectWriter answers;
    private final ParleyConfig.Analyses limits;
    @Inject ProvenanceSource provenances;
    @Inject HeavyWork heavy;

    public AnalysisResource(ObjectMapper mapper, ParleyConfig config) {
        this.answers = mapper.writer(); // NonFiniteAsNull, registered on the shared mapper, writes NaN as null
        this.limits = config.analyses();
    }

    @POST
    @Path("/tornado")
    public Response tornado(byte[] body, @Context HttpHeaders headers) {
        AnalysisInput input = bodies.analysisRequest(body, "a tornado request", "scenario", "metrics", "levers", "swing");
        CompiledScenario compiled = input.scenario("scenario");
        List<Metric> metrics = input.metrics("metrics", NPV);
        List<Tornado.Input> levers = AnalysisReaders.tornadoLevers(input, compiled, input.leverItems("lever", "levers in one analysis", limits.maxLevers()));
        input.done();

        List<Tornado.Chart> charts;
        try (HeavyWork.Permit permit = heavy.admit("/levers", Cost.of(1 + 2L * levers.size(), compiled))) {
            charts = Tornado.run(permit.watch(compiled), levers, metrics);
        }
        TornadoAnswer answer = TornadoAnswer.of(charts, provenance(compiled, input));
        return table(headers, answer);
    }

    @POST
    @Path("/spider")
    public Response spider(byte[] body, @Context HttpHeaders headers) {
        AnalysisInput input = bodies.analysisRequest(body, "a spider request", "scenario", "metrics", "levers", "changes", "changeRange");
        CompiledScenario compiled = input.scenario("scenario");
        List<Metric> metrics = input.metrics("metrics", NPV);
        double[] changes = AnalysisReaders.spiderChanges(input, limits.maxSpiderChanges());
        List<BoundLever> levers = AnalysisReaders.spiderLevers(input, compiled, input.leverItems("lever", "levers in one analysis", limits.maxLevers()), changes);
        input.done();

        List<Spider.Chart> charts;
        try (HeavyWork.Permit permit = heavy.admit("/changes", Cost.of(1 + (long) levers.size() * changes.length, compiled))) {
            charts = Spider.run(permit.watch(compiled), levers, changes, metrics);
        }
        SpiderAnswer answer = SpiderAnswer.of(changes, charts, provenance(compiled, input));
        return table(headers, answer);
    }

    @POST
    @Path("/goal-seek")
    public Response goalSeek(byte[] body, @Context HttpHeaders headers) {
        AnalysisInput input = bodies.analysisRequest(body, "a goal-seek request",
                "scenario", "lever", "metric", "target", "lower", "upper", "tolerance");
        CompiledScenario compiled = input.scenario("scenario");
        Metric metric = input.metric(input.in.required(input.root, "", "metric"), "/metric");
        double target = input.in.requiredNumber(input.root, "", "target");
        BoundLever lever = input.lever(compiled, input.in.required(input.root, "", "lever"), "/lever");
        double[] bounds = AnalysisReaders.bounds(input, compiled, lever, input.root, "");
        double tolerance = AnalysisReaders.tolerance(input, target);
        input.done();

        GoalSeek.Result r;
        try (HeavyWork.Permit permit = heavy.admit("/lever", Cost.of(GoalSeek.MAX_EVALUATIONS, compiled))) {
            r = GoalSeek.seek(permit.watch(compiled), lever, metric, target, bounds[0], bounds[1], tolerance);
            permit.settle(); // admitted at its worst case, charged what it evaluated
        }
        return table(headers, new GoalSeekAnswer(lever.path(), metric.apiName, target, GoalSeekAnswer.Search.of(r),
                provenance(compiled, input)));
    }

    @POST
    @Path("/break-even")
    public Response breakEven(byte[] body, @Context HttpHeaders headers) {
        AnalysisInput input = bodies.analysisRequest(body, "a break-even request",
                "scenario", "metric", "threshold", "levers", "tolerance");
        CompiledScenario compiled = input.scenario("scenario");
        Metric metric = input.metric("metric", Metric.NPV);
        double threshold = input.in.optionalNumber(input.root, "", "threshold", 0);
        double tolerance = AnalysisReaders.tolerance(input, threshold);
        List<BreakEven.Input> levers = AnalysisReaders.breakEvenLevers(input, compiled, input.leverItems("lever", "levers in one analysis", limits.maxLevers()));
        input.done();

        List<BreakEven.Row> rows;
        try (HeavyWork.Permit permit = heavy.admit("/levers", Cost.of(1 + levers.size() * GoalSeek.MAX_EVALUATIONS, compiled))) {
            rows = BreakEven.table(permit.watch(compiled), levers, metric, threshold, tolerance);
            permit.settle();
        }
        BreakEvenAnswer answer = BreakEvenAnswer.of(metric.apiName, threshold, compiled.summary()[metric.ordinal()], rows,
                provenance(compiled, input));
        return table(headers, answer);
    }

    @POST
    @Path("/bridge")
    public Response bridge(byte[] body, @Context HttpHeaders headers) {
        AnalysisInput input = bodies.analysisRequest(body, "a bridge request",
                "baseline", "variant", "metrics", "method");
        CompiledScenario baseline = input.scenario("baseline");
        List<Metric> metrics = input.metrics("metrics", NPV);
        String methodName = input.in.optionalText(input.root, "", "method", Spellings.of(Bridge.Choice.AUTO));
        Bridge.Choice choice = methodName == null ? Bridge.Choice.AUTO : Bridge.Choice.named(methodName).orElse(null);
        if (choice == null) {
            input.in.fail("/method", "'" + methodName + "' is not one of " + String.join(", ", Bridge.Choice.NAMES), methodName);
        }
        List<Bridge.Change> changes = AnalysisReaders.bridgeChanges(input, baseline);
        input.done();
        // thresholds that would cross on the way move as one step: the step count is what is limited
        List<Bridge.Step> steps = Bridge.steps(baseline, changes);
        if (changes.size() > limits.maxBridgeLevers()) {
            throw Problem.overLimit("/variant", "levers changed in a bridge", changes.size(), limits.maxBridgeLevers());
        }
        Bridge.Method method = Bridge.method(choice, steps.size());
        if (!Bridge.canRun(method, steps.size())) {
            throw Problem.overLimit("/method", "levers changed for a Shapley bridge (2^n evaluations)",
                    steps.size(), Bridge.MAX_SHAPLEY_LEVERS);
        }
        long evaluations = method == Bridge.Method.SHAPLEY ? 1L << steps.size() : steps.size() + 1L;
        Bridge.Result result;
        try (HeavyWork.Permit permit = heavy.admit("/variant", Cost.of(evaluations, baseline))) {
            result = Bridge.runSteps(permit.watch(baseline), steps, metrics, method);
        }
        BridgeAnswer answer = BridgeAnswer.of(result, provenances.of(baseline.scenario(), input.root, "baseline"));
        // the method chosen is in the JSON; a CSV table has no place for it but this header
        return Format.negotiate(headers, Format.JSON, Format.CSV) == Format.CSV
                ? csv(answer).header("Parley-Bridge-Method", answer.method()).build() : json(answer, answer.provenance());
    }

    private Provenance provenance(CompiledScenario compiled, AnalysisInput input) {
        return provenances.of(compiled.scenario(), input.root, "scenario");
    }

    private Response json(Object answer, Provenance provenance) {
        try {
            byte[] bytes = answers.writeValueAsBytes(answer);
            return provenance.stamp(Response.ok(bytes, MediaType.APPLICATION_JSON)).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The answer as the client asks for it: JSON, or its table as CSV. */
    private Response table(HttpHeaders headers, TableAnswer answer) {
        return Format.negotiate(headers, Format.JSON, Format.CSV) == Format.CSV ? csv(answer).build() : json(answer, answer.provenance());
    }

    private static Response.ResponseBuilder csv(TableAnswer answer) {
        return answer.provenance().stamp(Response.ok(answer.csv(), Csv.MEDIA_TYPE + "; charset=UTF-8"));
    }
}
