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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.analysis.BoundLever;
import io.parley.analysis.Grid;
import io.parley.analysis.Sweep;
import io.parley.engine.CompiledScenario;
import io.parley.engine.Metric;
import io.parley.model.JsonPointer;
import io.parley.model.Numbers;

/**
 * {@code POST /api/v1/analyses/sweep}: data tables and grid sweeps. As CSV or NDJSON the rows are
 * written as they are computed, so a sweep of millions of points holds nothing in memory; as JSON
 * the rows are buffered (a lower ceiling). {@code shard=k&shards=n} answers the k-th of n disjoint,
 * ordered slices of the same grid.
 */
@Path("/api/v1/analyses/sweep")
@io.parley.ops.Traced
public class SweepResource {

    static final String NDJSON = "application/x-ndjson";
    private static final List<Metric> NPV = List.of(Metric.NPV);

    @jakarta.inject.Inject
    io.parley.ops.Meters meters;

    private final JsonBodies bodies;
    private final ObjectMapper mapper;
    private final ParleyConfig.Analyses limits;
    private final String engineVersion;
    private final HeavyWork heavy;

    public SweepResource(JsonBodies bodies, ObjectMapper mapper, ParleyConfig config, HeavyWork heavy,
                         @ConfigProperty(name = "quarkus.application.version") String engineVersion) {
        this.bodies = bodies;
        this.mapper = mapper;
        this.limits = config.analyses();
        this.engineVersion = engineVersion;
        this.heavy = heavy;
    }

    /** A checked sweep request: the grid, the metrics, and the slice of it to answer. */
    private record Plan(CompiledScenario compiled, Grid grid, List<Metric> metrics, long from, long to, int shard, int shards) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE, NDJSON})
    public Response sweep(byte[] body, @Context UriInfo uri, @Context HttpHeaders headers) {
        Requests.onlyKnownParameters(uri, Set.of("shard", "shards", "layout", "metric"));
        String layout = Requests.oneOf(uri, "layout", List.of("rows", "table"), "rows");
        String format = Requests.preferred(headers, List.of(MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE, NDJSON));
        if (layout.equals("table") && format.equals(NDJSON)) {
            throw new ProblemException(Problem.of(Problem.Kind.NOT_ACCEPTABLE,
                    "layout=table is answered as application/json or text/csv"));
        }
        if (uri.getQueryParameters().containsKey("metric") && !(layout.equals("table") && format.equals(Csv.MEDIA_TYPE))) {
            throw Requests.badParameter("metric", "query parameter 'metric' picks the metric of a CSV table "
                    + "(layout=table with Accept: text/csv); other answers carry every metric");
        }
        Plan plan = plan(body, uri, !format.equals(MediaType.APPLICATION_JSON) && layout.equals("rows"));
        meters.evaluated("sweep", plan.to() - plan.from());
        Provenance provenance = new Provenance(engineVersion, Provenance.MODEL_VERSION,
                ScenarioJson.hash(plan.compiled().scenario(), mapper));

        Response.ResponseBuilder response;
        if (layout.equals("table")) {
            try (HeavyWork.Permit permit = heavy.acquire()) {
                response = table(plan, uri, format);
            }
        } else if (format.equals(MediaType.APPLICATION_JSON)) {
            try (HeavyWork.Permit permit = heavy.acquire()) {
                response = Response.ok(rowsJson(plan, provenance), MediaType.APPLICATION_JSON);
            }
        } else {
            // a stream holds nothing in memory and is not admitted through HeavyWork
            StreamingOutput stream = format.equals(NDJSON) ? out -> ndjson(plan, out) : out -> csv(plan, out);
            response = Response.ok(stream, format.equals(NDJSON) ? NDJSON : Csv.MEDIA_TYPE + "; charset=UTF-8");
        }
        return EvaluationResource.withProvenance(response, provenance)
                .header("Parley-Grid-Points", plan.grid().size())
                .header("Parley-Shard", plan.shard() + "/" + plan.shards() + " points " + plan.from() + "-" + plan.to())
                .build();
    }

    private Plan plan(byte[] body, UriInfo uri, boolean streamed) {
        AnalysisInput input = new AnalysisInput(bodies.parse(body), "a sweep request", "scenario", "metrics", "levers");
        input.leversMoveTogether();
        CompiledScenario compiled = input.scenario("scenario");
        List<Metric> metrics = input.metrics("metrics", NPV);
        List<JsonNode> items = input.in.array(input.in.required(input.root, "", "levers"), "/levers");
        if (input.root.path("levers").isArray() && items.isEmpty()) {
            input.in.fail("/levers", "names no lever; give at least one", null);
        }
        if (items.size() > limits.maxLevers()) {
            throw Problem.overLimit("/levers", "levers in one sweep", items.size(), limits.maxLevers());
        }
        List<BoundLever> levers = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        Set<Integer> slots = new java.util.HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String at = JsonPointer.child("/levers", i);
            JsonNode item = items.get(i);
            if (!input.in.object(item, at, "a swept lever", Set.of("path", "values", "from", "to", "steps"))) continue;
            BoundLever lever = input.lever(compiled, input.in.required(item, at, "path"), at + "/path");
            double[] v;
            if (item.has("values")) {
                if (item.has("from") || item.has("to") || item.has("steps")) {
                    input.in.fail(at, "give 'values' or a range 'from', 'to', 'steps', not both", null);
                    continue;
                }
                v = AnalysisResource.values(input, item.get("values"), at + "/values", limits.maxValuesPerLever(),
                        "values of one swept lever");
            } else {
                com.fasterxml.jackson.databind.node.ObjectNode range = item.deepCopy();
                range.remove("path");
                v = AnalysisResource.values(input, range, at, limits.maxValuesPerLever(), "values of one swept lever");
            }
            if (lever == null) continue;
            if (!slots.add(lever.slot())) {
                input.in.fail(at + "/path", lever.path() + " is swept twice", lever.path());
                continue;
            }
            boolean ok = v.length > 0;
            for (int k = 0; k < v.length; k++) {
                ok &= input.allowed(compiled, lever, v[k], at + (item.has("values") ? "/values/" + k : ""));
            }
            if (ok) {
                levers.add(lever);
                values.add(v);
            }
        }
        input.done();

        Grid grid = new Grid(levers, values);
        long ceiling = streamed ? limits.maxStreamedPoints() : limits.maxBufferedPoints();
        int[] shard = shard(uri);
        long[] slice = Grid.shard(grid.size() == Long.MAX_VALUE ? Long.MAX_VALUE : grid.size(), shard[0], shard[1]);
        long points = slice[1] - slice[0];
        if (points > ceiling) {
            String what = streamed ? "points in one streamed sweep (or shard)"
                    : "points in one JSON sweep (ask for text/csv or application/x-ndjson to stream up to "
                    + limits.maxStreamedPoints() + ")";
            throw Problem.overLimit("/levers", what, points, ceiling);
        }
        return new Plan(compiled, grid, metrics, slice[0], slice[1], shard[0], shard[1]);
    }

    private int[] shard(UriInfo uri) {
        String k = uri.getQueryParameters().getFirst("shard");
        String n = uri.getQueryParameters().getFirst("shards");
        if (k == null && n == null) return new int[] {1, 1};
        if (k == null || n == null) {
            throw Requests.badParameter("shard", "give both shard=k and shards=n (1 ≤ k ≤ n), or neither");
        }
        int shards = Requests.integer("shards", n, 1, limits.maxShards());
        int shard = Requests.integer("shard", k, 1, shards);
        return new int[] {shard, shards};
    }

    private ObjectNode rowsJson(Plan plan, Provenance provenance) {
        ObjectNode out = mapper.createObjectNode();
        ArrayNode columns = out.putArray("columns");
        plan.grid().levers().forEach(l -> columns.add(l.path()));
        plan.metrics().forEach(m -> columns.add(m.apiName));
        out.put("points", plan.grid().size());
        out.putObject("shard").put("index", plan.shard()).put("count", plan.shards())
                .put("from", plan.from()).put("to", plan.to());
        ArrayNode rows = out.putArray("rows");
        try {
            Sweep.run(plan.compiled(), plan.grid(), plan.metrics(), plan.from(), plan.to(), (index, levers, metrics) -> {
                ArrayNode row = rows.addArray();
                AnalysisResource.numbers(row, levers);
                AnalysisResource.numbers(row, metrics);
            });
        } catch (IOException e) {
            throw new IllegalStateException("buffered sweeps do no I/O", e);
        }
        out.set("provenance", ResultJson.provenance(provenance, mapper));
        return out;
    }

    /** A two-lever sweep as a matrix: rows are the first lever's values, columns the second's. */
    private Response.ResponseBuilder table(Plan plan, UriInfo uri, String format) {
        if (plan.grid().levers().size() != 2) {
            throw new io.parley.model.InvalidInputException(new io.parley.model.Violation("/levers",
                    "layout=table needs exactly 2 levers (rows, columns); this sweep has " + plan.grid().levers().size(), null));
        }
        if (plan.shards() != 1) {
            throw Requests.badParameter("layout", "layout=table answers the whole grid; shard the rows layout instead");
        }
        double[] rowValues = plan.grid().values(0);
        double[] columnValues = plan.grid().values(1);
        double[][][] cells = new double[plan.metrics().size()][rowValues.length][columnValues.length];
        try {
            Sweep.run(plan.compiled(), plan.grid(), plan.metrics(), 0, plan.grid().size(), (index, levers, metrics) -> {
                int r = (int) (index / columnValues.length);
                int c = (int) (index % columnValues.length);
                for (int m = 0; m < metrics.length; m++) cells[m][r][c] = metrics[m];
            });
        } catch (IOException e) {
            throw new IllegalStateException("buffered sweeps do no I/O", e);
        }
        String rowLever = plan.grid().levers().get(0).path();
        String columnLever = plan.grid().levers().get(1).path();
        if (format.equals(Csv.MEDIA_TYPE)) {
            List<String> names = plan.metrics().stream().map(m -> m.apiName).toList();
            String metricName = Requests.oneOf(uri, "metric", names, names.get(0));
            double[][] matrix = cells[names.indexOf(metricName)];
            StringBuilder csv = new StringBuilder(Csv.quote(rowLever + " \\ " + columnLever));
            for (double c : columnValues) csv.append(',').append(Csv.cell(c));
            csv.append("\r\n");
            for (int r = 0; r < rowValues.length; r++) {
                csv.append(Csv.cell(rowValues[r]));
                for (double v : matrix[r]) csv.append(',').append(Csv.cell(v));
                csv.append("\r\n");
            }
            return Response.ok(csv.toString(), Csv.MEDIA_TYPE + "; charset=UTF-8");
        }
        ObjectNode out = mapper.createObjectNode().put("rowLever", rowLever).put("columnLever", columnLever);
        AnalysisResource.numbers(out.putArray("rowValues"), rowValues);
        AnalysisResource.numbers(out.putArray("columnValues"), columnValues);
        ArrayNode tables = out.putArray("tables");
        for (int m = 0; m < plan.metrics().size(); m++) {
            ObjectNode t = tables.addObject().put("metric", plan.metrics().get(m).apiName);
            ArrayNode rows = t.putArray("cells");
            for (double[] row : cells[m]) AnalysisResource.numbers(rows.addArray(), row);
        }
        out.set("provenance", ResultJson.provenance(new Provenance(engineVersion, Provenance.MODEL_VERSION,
                ScenarioJson.hash(plan.compiled().scenario(), mapper)), mapper));
        return Response.ok(out, MediaType.APPLICATION_JSON);
    }

    private static void csv(Plan plan, java.io.OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        StringBuilder header = new StringBuilder();
        for (BoundLever l : plan.grid().levers()) header.append(header.length() == 0 ? "" : ",").append(Csv.quote(l.path()));
        for (Metric m : plan.metrics()) header.append(',').append(m.apiName);
        w.write(header.append("\r\n").toString());
        Sweep.run(plan.compiled(), plan.grid(), plan.metrics(), plan.from(), plan.to(), (index, levers, metrics) -> {
            for (int i = 0; i < levers.length; i++) {
                if (i > 0) w.write(',');
                w.write(Csv.cell(levers[i]));
            }
            for (double v : metrics) {
                w.write(',');
                w.write(Csv.cell(v));
            }
            w.write("\r\n");
        });
        w.flush();
    }

    private void ndjson(Plan plan, java.io.OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        List<String> keys = new ArrayList<>();
        plan.grid().levers().forEach(l -> keys.add(l.path()));
        plan.metrics().forEach(m -> keys.add(m.apiName));
        String[] prefixes = new String[keys.size()];
        for (int i = 0; i < prefixes.length; i++) {
            prefixes[i] = (i == 0 ? "{" : ",") + quoted(keys.get(i)) + ":";
        }
        int leverCount = plan.grid().levers().size();
        Sweep.run(plan.compiled(), plan.grid(), plan.metrics(), plan.from(), plan.to(), (index, levers, metrics) -> {
            for (int i = 0; i < levers.length; i++) {
                w.write(prefixes[i]);
                w.write(json(levers[i]));
            }
            for (int m = 0; m < metrics.length; m++) {
                w.write(prefixes[leverCount + m]);
                w.write(json(metrics[m]));
            }
            w.write("}\n");
        });
        w.flush();
    }

    private String quoted(String key) {
        try {
            return mapper.writeValueAsString(key);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(double v) {
        return Double.isNaN(v) ? "null" : Numbers.plain(v);
    }
}
