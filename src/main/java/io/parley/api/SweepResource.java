package io.parley.api;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashSet;
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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.analysis.BoundLever;
import io.parley.analysis.Grid;
import io.parley.analysis.Sweep;
import io.parley.document.AnalysisInput;
import io.parley.document.AnalysisReaders;
import io.parley.document.Csv;
import io.parley.document.JsonInput;
import io.parley.engine.CompiledScenario;
import io.parley.engine.Cost;
import io.parley.engine.Metric;
import io.parley.model.InvalidInputException;
import io.parley.model.JsonPointer;
import io.parley.model.Violation;
import io.parley.ops.Meters;
import io.parley.ops.ParleyConfig;
import io.parley.ops.Traced;

/**
 * {@code POST /api/v1/analyses/sweep}: data tables and grid sweeps. As CSV or NDJSON the rows are
 * written as they are computed, so a sweep of millions of points holds nothing in memory; as JSON
 * the rows are buffered (a lower ceiling). {@code shard=k&shards=n} answers the k-th of n disjoint,
 * ordered slices of the same grid.
 */
@Path("/api/v1/analyses/sweep")
@Consumes(MediaType.APPLICATION_JSON)
@Traced
public class SweepResource {

    private static final List<Metric> NPV = List.of(Metric.NPV);

    @Inject
    Meters meters;

    @Inject JsonBodies bodies;
    private final ParleyConfig.Analyses limits;
    @Inject ProvenanceSource provenances;
    @Inject HeavyWork heavy;

    public SweepResource(ParleyConfig config) {
        this.limits = config.analyses();
    }

    /** A checked sweep request: the grid, the metrics, and the slice of it to answer. */
    private record SweepRequest(CompiledScenario compiled, Grid grid, List<Metric> metrics, Shard shard, long from,
                                long to) {
        /** The same sweep, evaluated as the work of the request holding {@code permit}. */
        SweepRequest watchedBy(HeavyWork.Permit permit) {
            return new SweepRequest(permit.watch(compiled), grid, metrics, shard, from, to);
        }
    }

    /** The rows layout as JSON: a row per grid point, the levers' values then the metrics'. */
    private record Rows(List<String> columns, long points, ShardJson shard, List<double[]> rows, Provenance provenance) {
    }

    private record ShardJson(int index, int count, long from, long to) {
    }

    /** The table layout as JSON: per metric, a matrix of the first lever's values by the second's. */
    private record Table(String rowLever, String columnLever, double[] rowValues, double[] columnValues,
                         List<MetricTable> tables, Provenance provenance) {
    }

    private record MetricTable(String metric, double[][] cells) {
    }

    @POST
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE, Format.NDJSON_TYPE})
    @QueryParameters({"shard", "shards", "layout", "metric"})
    public Response sweep(byte[] body, @Context UriInfo uri, @Context HttpHeaders headers) {
        String layout = Requests.oneOf(uri, "layout", List.of("rows", "table"), "rows");
        Format format = Format.negotiate(headers, Format.JSON, Format.CSV, Format.NDJSON);
        if (layout.equals("table") && format == Format.NDJSON) {
            throw new ProblemException(Problem.of(Problem.Kind.NOT_ACCEPTABLE,
                    "layout=table is answered as application/json or text/csv"));
        }
        if (uri.getQueryParameters().containsKey("metric") && !(layout.equals("table") && format == Format.CSV)) {
            throw Requests.badParameter("metric", "query parameter 'metric' picks the metric of a CSV table "
                    + "(layout=table with Accept: text/csv); other answers carry every metric");
        }
        JsonNode root = bodies.parse(body);
        SweepRequest sweep = read(root, uri, format != Format.JSON && layout.equals("rows"));
        meters.evaluated("sweep", sweep.to() - sweep.from());
        Provenance provenance = provenances.of(sweep.compiled().scenario(), root, "scenario", null, sweep.shard().inHash());

        Response.ResponseBuilder response;
        boolean streamed = layout.equals("rows") && format != Format.JSON; // a stream holds nothing; the rest is held whole
        long bytes = streamed ? 0 : Sweep.bufferedHeapBytes(sweep.to() - sweep.from(), sweep.grid().levers().size(), sweep.metrics().size());
        HeavyWork.Permit permit = heavy.admitHeavy("/levers", Cost.of(sweep.to() - sweep.from(), sweep.compiled()), bytes, "one sweep");
        if (streamed) {
            // the stream holds the slot until it ends: a sweep left by its client stops with it
            SweepRequest watched = sweep.watchedBy(permit);
            response = Response.ok(permit.stream(out -> rows(watched.compiled(), watched.grid(), watched.metrics(),
                    watched.from(), watched.to(), format, out)), format.contentType);
        } else {
            try (permit) {
                response = layout.equals("table") ? table(sweep.watchedBy(permit), uri, format, provenance)
                        : Response.ok(rowsJson(sweep.watchedBy(permit), provenance), MediaType.APPLICATION_JSON);
            }
        }
        return provenance.stamp(response)
                .header("Parley-Grid-Points", sweep.grid().size())
                .header("Parley-Shard", sweep.shard().index() + "/" + sweep.shard().count() + " points "
                        + sweep.from() + "-" + sweep.to())
                .build();
    }

    private SweepRequest read(JsonNode root, UriInfo uri, boolean streamed) {
        AnalysisInput input = new AnalysisInput(root, "a sweep request", "scenario", "metrics", "levers");
        input.leversMoveTogether();
        CompiledScenario compiled = input.scenario("scenario");
        List<Metric> metrics = input.metrics("metrics", NPV);
        List<JsonNode> items = input.leverItems("lever", "levers in one sweep", limits.maxLevers());
        List<BoundLever> levers = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        Set<Integer> slots = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String at = JsonPointer.child("/levers", i);
            JsonNode item = items.get(i);
            if (!input.in.object(item, at, "a swept lever", Set.of("path", "values", "from", "to", "steps"))) continue;
            BoundLever lever = input.lever(compiled, input.in.required(item, at, "path"), at + "/path");
            double[] v;
            if (JsonInput.given(item, "values")) {
                if (item.has("from") || item.has("to") || item.has("steps")) {
                    input.in.fail(at, "give 'values' or a range 'from', 'to', 'steps', not both", null);
                    continue;
                }
                v = AnalysisReaders.values(input, item.get("values"), at + "/values", limits.maxValuesPerLever(),
                        "values of one swept lever");
            } else {
                ObjectNode range = item.deepCopy();
                range.remove("path");
                range.remove("values"); // an empty list, as generated clients send it for none
                v = AnalysisReaders.values(input, range, at, limits.maxValuesPerLever(), "values of one swept lever");
            }
            if (lever == null) continue;
            if (!slots.add(lever.slot())) {
                input.in.fail(at + "/path", lever.path() + " is swept twice", lever.path());
                continue;
            }
            boolean ok = v.length > 0;
            for (int k = 0; k < v.length; k++) {
                ok &= input.allowed(compiled, lever, v[k], at + (JsonInput.given(item, "values") ? "/values/" + k : ""));
            }
            if (ok) {
                levers.add(lever);
                values.add(v);
            }
        }
        input.done();

        Grid grid = new Grid(levers, values);
        long ceiling = streamed ? limits.maxStreamedPoints() : limits.maxBufferedPoints();
        Shard shard = Shard.of(uri, limits.maxShards());
        long[] slice = shard.of(grid.size());
        long points = slice[1] - slice[0];
        if (points > ceiling) {
            String what = streamed ? "points in one streamed sweep (or shard)"
                    : "points in one JSON sweep (ask for text/csv or application/x-ndjson to stream up to "
                    + limits.maxStreamedPoints() + ")";
            throw Problem.overLimit("/levers", what, points, ceiling);
        }
        return new SweepRequest(compiled, grid, metrics, shard, slice[0], slice[1]);
    }

    private static Rows rowsJson(SweepRequest sweep, Provenance provenance) {
        List<double[]> rows = Sweep.rows(sweep.compiled(), sweep.grid(), sweep.metrics(), sweep.from(), sweep.to());
        return new Rows(columns(sweep.grid(), sweep.metrics()), sweep.grid().size(),
                new ShardJson(sweep.shard().index(), sweep.shard().count(), sweep.from(), sweep.to()), rows, provenance);
    }

    /** The columns of a row: each lever's path, then each metric's name. */
    private static List<String> columns(Grid grid, List<Metric> metrics) {
        List<String> columns = new ArrayList<>();
        grid.levers().forEach(l -> columns.add(l.path()));
        metrics.forEach(m -> columns.add(m.apiName));
        return columns;
    }

    /** A two-lever sweep as a matrix: rows are the first lever's values, columns the second's. */
    private static Response.ResponseBuilder table(SweepRequest sweep, UriInfo uri, Format format, Provenance provenance) {
        Sweep.problemWithTable(sweep.grid()).ifPresent(problem -> {
            throw new InvalidInputException(new Violation("/levers", problem, null));
        });
        if (sweep.shard().count() != 1) {
            throw Requests.badParameter("layout", "layout=table answers the whole grid; shard the rows layout instead");
        }
        double[] rowValues = sweep.grid().values(0);
        double[] columnValues = sweep.grid().values(1);
        double[][][] cells = Sweep.table(sweep.compiled(), sweep.grid(), sweep.metrics());
        String rowLever = sweep.grid().levers().get(0).path();
        String columnLever = sweep.grid().levers().get(1).path();
        if (format == Format.CSV) {
            List<String> names = sweep.metrics().stream().map(m -> m.apiName).toList();
            String metricName = Requests.oneOf(uri, "metric", names, names.get(0));
            double[][] matrix = cells[names.indexOf(metricName)];
            return Response.ok(Csv.matrix(rowLever + " \\ " + columnLever, rowValues, columnValues, matrix),
                    Format.CSV.contentType);
        }
        List<MetricTable> tables = new ArrayList<>();
        for (int m = 0; m < sweep.metrics().size(); m++) tables.add(new MetricTable(sweep.metrics().get(m).apiName, cells[m]));
        return Response.ok(new Table(rowLever, columnLever, rowValues, columnValues, tables, provenance),
                MediaType.APPLICATION_JSON);
    }

    /**
     * The rows of a streamed sweep, written as they are computed: evaluated here, their digits written
     * on the formatting threads meanwhile ({@link RowBlocks}); each lever's values are known to the
     * writer, which writes their texts once. {@code SweepStreamBenchmark} times this.
     */
    static void rows(CompiledScenario compiled, Grid grid, List<Metric> metrics, long from, long to, Format format,
                     OutputStream out) throws IOException {
        try (RowBlocks rows = RowBlocks.open(out, format, columns(grid, metrics))) {
            for (int i = 0; i < grid.levers().size(); i++) rows.knownNumbers(i, grid.values(i));
            Sweep.run(compiled, grid, metrics, from, to, rows);
            rows.finish();
        }
    }
}
