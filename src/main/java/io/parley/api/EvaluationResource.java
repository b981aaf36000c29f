package io.parley.api;

import java.util.ArrayList;
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
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.databind.JsonNode;

import io.parley.document.Csv;
import io.parley.document.ScenarioJson;
import io.parley.engine.CompiledScenario;
import io.parley.engine.Cost;
import io.parley.engine.Report;
import io.parley.model.InvalidInputException;
import io.parley.model.Scenario;
import io.parley.model.Violation;
import io.parley.ops.Traced;
import io.smallrye.common.annotation.NonBlocking;

/**
 * {@code POST /api/v1/evaluate}: every figure of one scenario, as JSON or as one CSV table. Served on
 * the event loop: a small evaluate is a fraction of a millisecond of work, less than the hop to a
 * worker thread it used to take (docs/operations.md says why that is safe, and bounded).
 */
@Path("/api/v1/evaluate")
@Traced
public class EvaluationResource {

    private static final List<String> TABLES = List.of("summary", "years", "products", "periods");

    @Inject JsonBodies bodies;
    @Inject ProvenanceSource provenances;
    @Inject ComputeQuota quota;

    @POST
    @NonBlocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @QueryParameters({"detail", "table"})
    public Response evaluate(byte[] body, @Context UriInfo uri, @Context HttpHeaders headers) {
        boolean periods = "periods".equals(Requests.oneOf(uri, "detail", List.of("periods"), null));
        String table = Requests.oneOf(uri, "table", TABLES, "summary");

        Scenario scenario = readScenario(bodies.parse(body), "");
        CompiledScenario compiled = CompiledScenario.compile(scenario);
        quota.charge(Cost.of(1, compiled));
        Report report = compiled.report();
        Provenance provenance = provenances.of(scenario);

        Response.ResponseBuilder response;
        if (Format.negotiate(headers, Format.JSON, Format.CSV) == Format.CSV) {
            String csv = switch (table) {
                case "years" -> Csv.years(report, scenario.horizon().years());
                case "products" -> Csv.products(report, scenario);
                case "periods" -> Csv.periods(report, scenario.horizon().periods(), scenario.horizon().periodsPerYear());
                default -> Csv.summary(report);
            };
            response = Response.ok(csv, Format.CSV.contentType);
        } else {
            response = Response.ok(ResultJson.evaluation(scenario, report, periods, provenance), MediaType.APPLICATION_JSON);
        }
        return provenance.stamp(response).build();
    }

    /** Reads and validates a scenario; every problem found is reported at once as a 422. */
    static Scenario readScenario(JsonNode node, String at) {
        List<Violation> violations = new ArrayList<>();
        Scenario scenario = ScenarioJson.read(node, at, violations);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return scenario;
    }
}
