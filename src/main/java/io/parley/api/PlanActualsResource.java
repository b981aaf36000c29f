package io.parley.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

import io.parley.engine.CompiledScenario;
import io.parley.engine.Report;
import io.parley.model.InvalidInputException;
import io.parley.model.JsonPointer;
import io.parley.model.Product;
import io.parley.model.Scenario;
import io.parley.model.Violation;
import io.parley.plan.Actual;
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
    private static final List<String> CSV_COLUMNS = List.of("period", "netRevenue", "rebate", "cogs", "costToServe");

    private final JsonBodies bodies;
    private final ObjectMapper mapper;
    private final PlanService plans;
    private final ParleyConfig config;

    public PlanActualsResource(JsonBodies bodies, ObjectMapper mapper, PlanService plans, ParleyConfig config) {
        this.bodies = bodies;
        this.mapper = mapper;
        this.plans = plans;
        this.config = config;
    }

    @POST
    @Path("/actuals")
    @Consumes({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @Produces(MediaType.APPLICATION_JSON)
    public Response upload(@PathParam("id") String id, byte[] body, @Context UriInfo uri, @Context HttpHeaders headers) {
        Requests.onlyKnownParameters(uri, Set.of());
        long planId = PlanPaths.planId(id);
        boolean csv = headers.getMediaType() != null && headers.getMediaType().isCompatible(MediaType.valueOf(Csv.MEDIA_TYPE));
        List<Violation> violations = new ArrayList<>();
        List<Actual> actuals = csv ? fromCsv(body, charset(headers.getMediaType()), violations) : fromJson(bodies.parse(body), violations);
        if (!violations.isEmpty()) throw new InvalidInputException(violations);
        List<Actual> stored = io.parley.plan.Deadlocks.retry(() -> plans.putActuals(planId, actuals)).orElseThrow(() -> PlanPaths.notFound("no plan " + id));
        return Response.ok(list(planId, stored), MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/actuals")
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    public Response actuals(@PathParam("id") String id, @Context UriInfo uri, @Context HttpHeaders headers) {
        Requests.onlyKnownParameters(uri, Set.of());
        long planId = PlanPaths.planId(id);
        plans.read(planId).orElseThrow(() -> PlanPaths.notFound("no plan " + id));
        List<Actual> actuals = plans.actuals(planId);
        if (Requests.wantsCsv(headers)) return Response.ok(csv(actuals), Csv.MEDIA_TYPE + "; charset=UTF-8").build();
        return Response.ok(list(planId, actuals), MediaType.APPLICATION_JSON).build();
    }

    /** The actuals as the CSV an upload takes, so a spreadsheet can round-trip them. */
    private String csv(List<Actual> actuals) {
        List<JsonNode> volumes = actuals.stream().map(a -> read(a.volumes())).toList();
        Set<String> products = new LinkedHashSet<>();
        volumes.forEach(v -> v.fieldNames().forEachRemaining(products::add));
        StringBuilder out = new StringBuilder();
        List<Object> header = new ArrayList<>(CSV_COLUMNS);
        products.forEach(p -> header.add("volume:" + p));
        Csv.cells(out, header.toArray());
        for (int i = 0; i < actuals.size(); i++) {
            Actual a = actuals.get(i);
            List<Object> row = new ArrayList<>(List.of(String.valueOf(a.period()), a.netRevenue(), a.rebate(), a.cogs(),
                    a.costToServe()));
            for (String p : products) row.add(volumes.get(i).has(p) ? volumes.get(i).get(p).asDouble() : Double.NaN);
            Csv.cells(out, row.toArray());
        }
        return out.toString();
    }

    @DELETE
    @Path("/actuals/{period}")
    public Response withdraw(@PathParam("id") String id, @PathParam("period") String period, @Context UriInfo uri) {
        Requests.onlyKnownParameters(uri, Set.of());
        long planId = PlanPaths.planId(id);
        long p = PlanPaths.id("period", period, "a period");
        // a well-formed period beyond what can be stored has no actuals
        boolean had = p <= Integer.MAX_VALUE && io.parley.plan.Deadlocks.retry(() -> plans.deleteActual(planId, (int) p))
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
    public Response variance(@PathParam("id") String id, @Context UriInfo uri, @Context HttpHeaders headers) {
        Requests.onlyKnownParameters(uri, Set.of("table"));
        String table = Requests.oneOf(uri, "table", VarianceCsv.TABLES, "periods");
        long planId = PlanPaths.planId(id);
        StoredPlan plan = plans.read(planId).orElseThrow(() -> PlanPaths.notFound("no plan " + id));
        PlanScenario agreed = plans.agreedScenario(planId).orElseThrow(() -> new ProblemException(new Problem(
                Problem.Kind.NO_AGREED_SCENARIO.type(), Problem.Kind.NO_AGREED_SCENARIO.title, 409,
                "plan " + id + " has no agreed scenario to compare with; mark one (POST /api/v1/plans/" + id
                        + "/scenarios/{sid}/agree)", null, null, null)));
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
        if (Requests.wantsCsv(headers)) return Response.ok(VarianceCsv.table(out, table), Csv.MEDIA_TYPE + "; charset=UTF-8").build();
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
        AnalysisResource.number(o, "relative", c.relative());
    }

    private JsonNode read(String json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- reading

    private List<Actual> fromJson(JsonNode root, List<Violation> violations) {
        JsonInput in = new JsonInput(violations);
        if (!in.object(root, "", "an actuals upload", new LinkedHashSet<>(List.of("actuals")))) return List.of();
        List<JsonNode> items = in.array(in.required(root, "", "actuals"), "/actuals");
        List<Actual> out = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String at = JsonPointer.child("/actuals", i);
            JsonNode a = items.get(i);
            if (!in.object(a, at, "a period's actuals", new LinkedHashSet<>(List.of("period", "volumes", "netRevenue",
                    "rebate", "cogs", "costToServe")))) continue;
            int period = in.requiredInteger(a, at, "period", -1);
            if (period != -1 && period < 1) in.fail(at + "/period", period + " is not a period (1 or more)", period);
            if (period >= 1 && !seen.add(period)) in.fail(at + "/period", "period " + period + " is given twice", period);
            double nr = nonNegative(in, a, at, "netRevenue");
            double rb = nonNegative(in, a, at, "rebate");
            double cogs = nonNegative(in, a, at, "cogs");
            double cts = nonNegative(in, a, at, "costToServe");
            ObjectNode volumes = mapper.createObjectNode();
            JsonNode v = in.optional(a, "volumes");
            if (v != null) {
                if (!v.isObject()) {
                    in.fail(at + "/volumes", "must be an object of product id → units", null);
                } else {
                    for (var e : in.entries(v)) {
                        String vat = JsonPointer.child(at + "/volumes", e.getKey());
                        double units = in.number(e.getValue(), vat);
                        if (units < 0) in.fail(vat, units + " units is negative", units);
                        volumes.put(e.getKey(), units);
                    }
                }
            }
            out.add(new Actual(period, nr, rb, cogs, cts, volumes.toString()));
        }
        return out;
    }

    private static double nonNegative(JsonInput in, JsonNode a, String at, String field) {
        double v = in.requiredNumber(a, at, field);
        if (v < 0 || Double.isInfinite(v)) in.fail(at + "/" + field, v + " is negative; must be ≥ 0", v);
        return v;
    }

    /** The charset the CSV declares; UTF-8 when it declares none. */
    private static Charset charset(MediaType type) {
        String name = type.getParameters().get("charset");
        if (name == null) return StandardCharsets.UTF_8;
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.of(Problem.Kind.UNSUPPORTED_MEDIA_TYPE,
                    "charset '" + name + "' is not one this service reads; send the CSV as UTF-8"));
        }
    }

    /** CSV: a header with period, netRevenue, rebate, cogs, costToServe and any volume:<product> columns. */
    private List<Actual> fromCsv(byte[] body, Charset charset, List<Violation> violations) {
        if (body == null || body.length == 0 || body.length > config.limits().maxBodyBytes()) {
            if (body != null && body.length > 0) throw JsonBodies.tooLarge(body.length, config.limits().maxBodyBytes());
            violations.add(new Violation("", "the CSV has no header row", null));
            return List.of();
        }
        CsvInput csv = CsvInput.parse(new String(body, charset));
        List<String> header = csv.header;
        for (String required : CSV_COLUMNS) {
            if (!header.contains(required)) violations.add(new Violation("line 1", "the header has no '" + required
                    + "' column; it needs " + String.join(", ", CSV_COLUMNS) + " and optionally volume:<product id> columns", null));
        }
        for (String h : header) {
            if (!CSV_COLUMNS.contains(h) && !h.startsWith("volume:")) {
                violations.add(new Violation("line 1", "unknown column '" + h + "'", h));
            }
        }
        if (!violations.isEmpty()) return List.of();
        ObjectNode upload = mapper.createObjectNode();
        ArrayNode rows = upload.putArray("actuals");
        for (CsvInput.Row line : csv.rows) {
            List<String> cells = line.cells();
            if (cells.size() != header.size()) {
                violations.add(new Violation("line " + line.line(), "has " + cells.size() + " cells; the header has " + header.size(), null));
                continue;
            }
            ObjectNode row = rows.addObject();
            ObjectNode volumes = mapper.createObjectNode();
            for (int c = 0; c < header.size(); c++) {
                String cell = cells.get(c);
                Double number = csv.number(cell);
                JsonNode value = number != null ? mapper.getNodeFactory().numberNode(number) : mapper.getNodeFactory().textNode(cell);
                // an empty volume cell is a product not reported that period, as in a spreadsheet
                if (header.get(c).startsWith("volume:")) {
                    if (!cell.isEmpty()) volumes.set(header.get(c).substring(7), value);
                } else {
                    row.set(header.get(c), value);
                }
            }
            if (!volumes.isEmpty()) row.set("volumes", volumes);
        }
        if (!violations.isEmpty()) return List.of();
        // the same rules as JSON, pointers into the equivalent JSON (row k is /actuals/k-1, line k+1)
        return fromJson(upload, violations);
    }

    // ---------------------------------------------------------------- writing

    private ObjectNode list(long planId, List<Actual> actuals) {
        ObjectNode out = mapper.createObjectNode().put("planId", planId);
        ArrayNode list = out.putArray("actuals");
        for (Actual a : actuals) {
            ObjectNode o = list.addObject().put("period", a.period()).put("netRevenue", a.netRevenue())
                    .put("rebate", a.rebate()).put("cogs", a.cogs()).put("costToServe", a.costToServe());
            o.set("volumes", read(a.volumes()));
        }
        return out;
    }

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
        AnalysisResource.number(o, "relative", c.relative());
    }

}
