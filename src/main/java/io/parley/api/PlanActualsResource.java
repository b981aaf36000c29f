package io.parley.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.document.Csv;
import io.parley.document.PlanJson;
import io.parley.document.VarianceCsv;
import io.parley.engine.CompiledScenario;
import io.parley.engine.Report;
import io.parley.model.CsvDialect;
import io.parley.model.InvalidInputException;
import io.parley.model.Product;
import io.parley.model.Scenario;
import io.parley.model.SheetNumbers;
import io.parley.model.Violation;
import io.parley.ops.ParleyConfig;
import io.parley.plan.Actual;
import io.parley.plan.IdempotencyKey;
import io.parley.plan.KeptAnswer;
import io.parley.plan.PlanScenario;
import io.parley.plan.PlanService;
import io.parley.plan.StoredPlan;
import io.parley.plan.Variance;
import io.parley.plan.VolumeVariance;

/**
 * Plan versus actual: {@code POST /api/v1/plans/{id}/actuals} uploads what the account did per period
 * (JSON, or CSV from a spreadsheet), {@code GET .../variance} compares it with the agreed scenario.
 */
@Path("/api/v1/plans/{id}")
public class PlanActualsResource {

    /** Period variances listed as the largest, biggest first. */
    static final int LARGEST = 20;

    @Inject JsonBodies bodies;
    @Inject ObjectMapper mapper;
    @Inject PlanService plans;
    private final ActualsJson actualsJson;

    public PlanActualsResource(ObjectMapper mapper, ParleyConfig config) {
        this.actualsJson = new ActualsJson(mapper, config.limits().maxBodyBytes());
    }

    @POST
    @Path("/actuals")
    @Consumes({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @Produces(MediaType.APPLICATION_JSON)
    @QueryParameters("locale")
    public Response upload(@PathParam("id") String id, byte[] body, @Context UriInfo uri, @Context HttpHeaders headers) {
        SheetNumbers numbers = Requests.sheetNumbers(uri);
        long planId = PlanPaths.planId(id);
        Optional<IdempotencyKey> key = PlanPaths.idempotencyKey(headers, uri, body);
        boolean csv = headers.getMediaType() != null && headers.getMediaType().isCompatible(MediaType.valueOf(Csv.MEDIA_TYPE));
        List<Violation> violations = new ArrayList<>();
        List<Actual> actuals = csv ? actualsJson.fromCsv(body, ActualsJson.charset(headers.getMediaType()),
                numbers.locale() == null ? null : numbers, violations)
                : actualsJson.fromJson(bodies.parse(body), violations);
        if (!violations.isEmpty()) throw new InvalidInputException(violations);
        Function<Optional<List<Actual>>, KeptAnswer> stored = all -> new KeptAnswer(200, null, null,
                actualsJson.list(planId, all.orElseThrow(() -> PlanPaths.notFound("no plan " + id))).toString());
        return PlanPaths.answer(key, k -> plans.putActuals(planId, actuals, k, stored), () -> plans.putActuals(planId, actuals),
                stored);
    }

    @GET
    @Path("/actuals")
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @QueryParameters({"dialect", "bom"})
    public Response actuals(@PathParam("id") String id, @Context UriInfo uri, @Context HttpHeaders headers) {
        String dialect = Requests.oneOf(uri, "dialect", CsvDialect.NAMES, CsvDialect.RFC4180);
        boolean bom = Boolean.parseBoolean(Requests.oneOf(uri, "bom", List.of("true", "false"), "false"));
        long planId = PlanPaths.plan(plans, id).id();
        List<Actual> actuals = plans.actuals(planId);
        if (Format.negotiate(headers, Format.JSON, Format.CSV) == Format.CSV) return csv(CsvDialect.write(actualsJson.csv(actuals), dialect, bom));
        return Response.ok(actualsJson.list(planId, actuals), MediaType.APPLICATION_JSON).build();
    }

    @DELETE
    @Path("/actuals/{period}")
    public Response withdraw(@PathParam("id") String id, @PathParam("period") String period) {
        long planId = PlanPaths.planId(id);
        long p = PlanPaths.id("period", period, "a period");
        // a well-formed period beyond what can be stored has no actuals
        boolean had = p <= Integer.MAX_VALUE && plans.deleteActual(planId, (int) p)
                .orElseThrow(() -> PlanPaths.notFound("no plan " + id));
        if (!had) {
            plans.read(planId).orElseThrow(() -> PlanPaths.notFound("no plan " + id));
            throw PlanPaths.notFound("plan " + id + " has no actuals for period " + p);
        }
        return Response.noContent().build();
    }

    @GET
    @Path("/variance")
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @QueryParameters({"table", "dialect", "bom"})
    public Response variance(@PathParam("id") String id, @Context UriInfo uri, @Context HttpHeaders headers) {
        String table = Requests.oneOf(uri, "table", VarianceCsv.TABLES, "periods");
        String dialect = Requests.oneOf(uri, "dialect", CsvDialect.NAMES, CsvDialect.RFC4180);
        boolean bom = Boolean.parseBoolean(Requests.oneOf(uri, "bom", List.of("true", "false"), "false"));
        StoredPlan plan = PlanPaths.plan(plans, id);
        long planId = plan.id();
        PlanScenario agreed = plans.agreedScenario(planId).orElseThrow(() -> new ProblemException(Problem.of(
                Problem.Kind.NO_AGREED_SCENARIO, "plan " + id + " has no agreed scenario to compare with; mark one "
                        + "(POST /api/v1/plans/" + id + "/scenarios/{sid}/agree)")));
        Scenario scenario = PlanPaths.scenario(agreed, mapper);
        int ppy = scenario.horizon().periodsPerYear();
        int n = scenario.horizon().periods();
        List<Actual> actuals = plans.actuals(planId);
        Report report = CompiledScenario.compile(scenario).report();
        Variance.Result r = Variance.of(report, ppy, n, actuals, LARGEST);
        ObjectNode out = mapper.createObjectNode().put("planId", planId).put("scenarioId", agreed.id())
                .put("scenarioName", agreed.name());
        ArrayNode outside = out.putArray("periodsOutsideHorizon");
        actuals.stream().filter(a -> a.period() > n).forEach(a -> outside.add(a.period()));
        ArrayNode periods = out.putArray("periods");
        r.periods().forEach(row -> periods.add(row(row, true)));
        ArrayNode years = out.putArray("years");
        r.years().forEach(row -> years.add(row(row, false)));
        out.set("yearToDate", cells(r.yearToDate().cells()));
        ArrayNode largest = out.putArray("largest");
        for (Variance.Largest l : r.largest()) {
            ObjectNode o = largest.addObject().put("period", l.period()).put("year", l.year())
                    .put("figure", l.cell().figure().apiName);
            cell(o, l.cell());
        }
        out.set("volumes", volumes(report, scenario, actuals));
        out.set("targets", TargetsJson.of(mapper, PlanJson.value(read(plan.document())), ppy, n, report, actuals, null, null));
        if (Format.negotiate(headers, Format.JSON, Format.CSV) == Format.CSV) return csv(CsvDialect.write(VarianceCsv.table(out, table), dialect, bom));
        return Response.ok(out, MediaType.APPLICATION_JSON).build();
    }

    /** Units per product against the agreed scenario, for the products whose volumes were uploaded. */
    private ObjectNode volumes(Report report, Scenario scenario, List<Actual> actuals) {
        List<VolumeVariance.Volumes> volumes = new ArrayList<>();
        for (Actual a : actuals) {
            Map<String, Double> units = new LinkedHashMap<>();
            read(a.volumes()).fields().forEachRemaining(e -> units.put(e.getKey(), e.getValue().asDouble()));
            volumes.add(new VolumeVariance.Volumes(a.period(), units));
        }
        List<String> ids = scenario.products().stream().map(Product::id).toList();
        VolumeVariance.Result r = VolumeVariance.of(report.products(), ids, scenario.horizon().periods(), volumes);
        ObjectNode out = mapper.createObjectNode();
        ArrayNode products = out.putArray("products");
        for (VolumeVariance.Product p : r.products()) {
            ObjectNode o = products.addObject().put("product", p.id());
            ArrayNode periods = o.putArray("periods");
            p.periods().forEach(c -> volume(periods.addObject().put("period", c.period()), c));
            volume(o.putObject("toDate"), p.toDate());
        }
        ArrayNode unknown = out.putArray("notInScenario");
        r.notInScenario().forEach(unknown::add);
        return out;
    }

    private static void volume(ObjectNode o, VolumeVariance.Cell c) {
        o.put("planned", c.planned()).put("actual", c.actual()).put("variance", c.variance());
        ResultJson.number(o, "relative", c.relative());
    }

    private JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- writing

    private ObjectNode row(Variance.Row row, boolean withPeriod) {
        ObjectNode o = mapper.createObjectNode();
        if (withPeriod) o.put("period", row.period());
        o.put("year", row.year());
        o.set("figures", cells(row.cells()));
        return o;
    }

    private ObjectNode cells(List<Variance.Cell> cells) {
        ObjectNode o = mapper.createObjectNode();
        for (Variance.Cell c : cells) cell(o.putObject(c.figure().apiName), c);
        return o;
    }

    private static void cell(ObjectNode o, Variance.Cell c) {
        o.put("planned", c.planned()).put("actual", c.actual()).put("variance", c.variance());
        ResultJson.number(o, "relative", c.relative());
    }


    private static Response csv(String text) {
        return Response.ok(text, Format.CSV.contentType).build();
    }
}
