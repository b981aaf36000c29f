package io.parley.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.analysis.BoundLever;
import io.parley.analysis.Grid;
import io.parley.analysis.Sweep;
import io.parley.document.Csv;
import io.parley.engine.CompiledScenario;
import io.parley.engine.Cost;
import io.parley.engine.Metric;
import io.parley.model.CsvDialect;
import io.parley.model.InvalidInputException;
import io.parley.model.InvalidLeverPathException;
import io.parley.model.SheetNumbers;
import io.parley.model.Violation;
import io.parley.plan.PlanScenario;
import io.parley.plan.PlanService;

/**
 * Many figures in one read, as a small CSV table a spreadsheet lays out (a web query, or WEBSERVICE
 * with TEXTSPLIT): metrics × the plan's stored scenarios, or metrics × values of one lever of a
 * stored scenario. The values are a 1-lever sweep, computed by {@link Sweep}.
 */
@Path("/api/v1/plans/{id}")
public class PlanFiguresResource {

    @Inject ObjectMapper mapper;
    @Inject PlanService plans;
    @Inject ComputeQuota quota;

    /** A row per stored scenario: its id, its name and the metrics asked for. */
    @GET
    @Path("/figures")
    @Produces(MediaType.WILDCARD)
    @QueryParameters({"metrics", "locale", "dialect", "bom"})
    public Response scenarios(@PathParam("id") String id, @Context UriInfo uri, @Context HttpHeaders headers) {
        Format.negotiate(headers, Format.CSV);
        List<Metric> metrics = metrics(uri);
        Requests.sheetNumbers(uri); // checked, though this table reads no number
        long planId = PlanPaths.plan(plans, id).id();
        StringBuilder out = header(List.of("scenario", "name"), metrics);
        List<PlanScenario> stored = plans.scenarios(planId);
        // one evaluation of each stored scenario, charged together before any runs
        List<CompiledScenario> compiled = stored.stream().map(s -> CompiledScenario.compile(PlanPaths.scenario(s, mapper))).toList();
        quota.charge(compiled.stream().map(c -> Cost.of(1, c)).toList());
        for (int i = 0; i < stored.size(); i++) {
            double[] summary = compiled.get(i).summary();
            List<Object> row = new ArrayList<>(List.of(stored.get(i).id(), stored.get(i).name()));
            for (Metric m : metrics) row.add(summary[m.ordinal()]);
            Csv.cells(out, row.toArray());
        }
        return csv(out.toString(), uri);
    }

    /** A row per value of {@code lever} (each {@code values} parameter, in the declared locale), or one row without a lever. */
    @GET
    @Path("/scenarios/{sid}/figures")
    @Produces(MediaType.WILDCARD)
    @QueryParameters({"metrics", "lever", "values", "locale", "dialect", "bom"})
    public Response leverValues(@PathParam("id") String id, @PathParam("sid") String sid, @Context UriInfo uri,
                                @Context HttpHeaders headers) {
        Format.negotiate(headers, Format.CSV);
        List<Metric> metrics = metrics(uri);
        SheetNumbers numbers = Requests.sheetNumbers(uri);
        long planId = PlanPaths.planId(id);
        PlanScenario stored = plans.scenario(planId, PlanPaths.scenarioId(sid))
                .orElseThrow(() -> PlanPaths.notFound("no scenario " + sid + " in plan " + id));
        CompiledScenario compiled = CompiledScenario.compile(PlanPaths.scenario(stored, mapper));
        String path = single(uri, "lever");
        if (path == null) {
            quota.charge(Cost.of(1, compiled));
            StringBuilder out = header(List.of(), metrics);
            double[] summary = compiled.summary();
            Csv.cells(out, metrics.stream().map(m -> (Object) summary[m.ordinal()]).toArray());
            return csv(out.toString(), uri);
        }
        BoundLever lever = lever(compiled, path);
        Grid grid = new Grid(List.of(lever), List.<double[]>of(values(uri, numbers, compiled, lever)));
        quota.charge(Cost.of(grid.size(), compiled));
        StringBuilder out = header(List.of(path), metrics);
        try {
            Sweep.run(compiled, grid, metrics, 0, grid.size(), (index, point, figures) -> {
                List<Object> row = new ArrayList<>();
                for (double v : point) row.add(v);
                for (double f : figures) row.add(f);
                Csv.cells(out, row.toArray());
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return csv(out.toString(), uri);
    }

    private static List<Metric> metrics(UriInfo uri) {
        String names = single(uri, "metrics");
        if (names == null) return List.of(Metric.NPV);
        List<Metric> metrics = new ArrayList<>();
        for (String name : names.split(",")) {
            metrics.add(Metric.byName(name.strip()).orElseThrow(() -> Requests.badParameter("metrics",
                    "query parameter 'metrics': no metric '" + name.strip() + "'; GET /api/v1/metrics lists them")));
        }
        return metrics;
    }

    private static BoundLever lever(CompiledScenario compiled, String path) {
        try {
            return BoundLever.bind(compiled, path);
        } catch (InvalidLeverPathException e) {
            throw new InvalidInputException(List.of(new Violation("?lever", e.getMessage(), path)));
        }
    }

    private static double[] values(UriInfo uri, SheetNumbers numbers, CompiledScenario compiled, BoundLever lever) {
        List<String> texts = uri.getQueryParameters().getOrDefault("values", List.of());
        if (texts.isEmpty()) throw Requests.badParameter("values", "query parameter 'values' is required with 'lever': e.g. values=0.04&values=0.08");
        if (texts.size() > 1000) throw Problem.overLimit("?values", "values of one lever in a figures table", texts.size(), 1000);
        double[] values = new double[texts.size()];
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            String text = texts.get(i);
            try {
                values[i] = numbers.parse(text);
                lever.ruleBrokenBy(compiled, values[i]).ifPresent(rule -> violations.add(new Violation("?values", rule, text)));
            } catch (SheetNumbers.AmbiguousNumberException e) {
                violations.add(new Violation("?values", e.getMessage(), text));
            } catch (NumberFormatException e) {
                throw Requests.badParameter("values", "query parameter 'values': " + e.getMessage());
            }
        }
        if (!violations.isEmpty()) throw new InvalidInputException(violations);
        return values;
    }

    private static String single(UriInfo uri, String name) {
        List<String> given = uri.getQueryParameters().get(name);
        if (given == null || given.isEmpty()) return null;
        if (given.size() > 1) throw Requests.badParameter(name, "query parameter '" + name + "' is given " + given.size() + " times; give it once");
        return given.get(0);
    }

    private static StringBuilder header(List<String> leading, List<Metric> metrics) {
        List<Object> names = new ArrayList<>(leading);
        for (Metric m : metrics) names.add(m.apiName);
        StringBuilder out = new StringBuilder();
        Csv.cells(out, names.toArray());
        return out;
    }

    private static Response csv(String rfc4180, UriInfo uri) {
        String dialect = Requests.oneOf(uri, "dialect", CsvDialect.NAMES, CsvDialect.RFC4180);
        boolean bom = Boolean.parseBoolean(Requests.oneOf(uri, "bom", List.of("true", "false"), "false"));
        return Response.ok(CsvDialect.write(rfc4180, dialect, bom), Format.CSV.contentType).build();
    }
}
