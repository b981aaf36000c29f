package io.parley.api;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import jakarta.inject.Inject;

import io.parley.document.Csv;
import io.parley.ops.Meters;
import io.parley.ops.ParleyConfig;
import io.parley.ops.Traced;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.parley.model.InvalidInputException;
import io.parley.model.Violation;
import io.parley.engine.Cost;
import io.parley.optimize.AffineModel;
import io.parley.optimize.DealOptimizer;
import io.parley.optimize.DealProblem;
import io.parley.optimize.Frontier;
import io.parley.optimize.LinearForm;
import io.parley.optimize.Quantity;

/**
 * {@code POST /api/v1/optimize}: the terms that maximise (or minimise) a deal figure subject to what
 * both sides need, with a sensitivity and a limits report; {@code /optimize/frontier}: the
 * negotiation frontier and the zone of agreement.
 */
@Path("/api/v1/optimize")
@Consumes(MediaType.APPLICATION_JSON)
@Traced
public class OptimizeResource {

    @Inject JsonBodies bodies;
    @Inject ObjectMapper mapper;
    private final OptimizeRequests requests;
    @Inject ProvenanceSource provenances;
    @Inject HeavyWork heavy;

    @Inject
    Meters meters;

    public OptimizeResource(ObjectMapper mapper, ParleyConfig config) {
        this.requests = new OptimizeRequests(mapper, config.optimize());
    }

    @POST
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    @QueryParameters("format")
    public Response optimize(byte[] body, @Context UriInfo uri) {
        String format = Requests.oneOf(uri, "format", List.of("json", "mps"), "json");
        JsonNode root = bodies.parse(body);
        OptimizeRequests.Optimization request = requests.optimization(root);
        // the model instead of a solve is another answer: format=mps is in the hash, the default json is not
        Map<String, JsonNode> query = format.equals("json") ? Map.of() : Map.of("format", JsonNodeFactory.instance.textNode(format));
        Provenance provenance = provenances.of(request.problem().scenario().scenario(), root, "scenario", null, query);
        try (HeavyWork.Permit permit = admit(request.problem(), AffineModel.estimate(request.problem()), "one optimisation")) {
            DealProblem problem = watched(request.problem(), permit);
            if (!format.equals("json")) {
                String text = DealOptimizer.export(problem, request.backend());
                return provenance.stamp(Response.ok(text, MediaType.TEXT_PLAIN + "; charset=UTF-8")).build();
            }
            DealOptimizer.Solution s = DealOptimizer.solve(problem, request.backend(), true);
            meters.solved(s.status(), s.backend(), s.solveMillis());
            OptimizeAnswer answer = OptimizeAnswer.of(s, request.problem(), summary -> ResultJson.summary(summary, mapper), provenance);
            return provenance.stamp(Response.ok(answer, MediaType.APPLICATION_JSON)).build();
        } catch (AffineModel.NotLinearException e) {
            throw notLinear(e);
        }
    }

    @POST
    @Path("/frontier")
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    public Response frontier(byte[] body, @Context HttpHeaders headers) {
        Format format = Format.negotiate(headers, Format.JSON, Format.CSV);
        JsonNode root = bodies.parse(body);
        OptimizeRequests.FrontierTrace request = requests.frontier(root);
        Frontier.Result r;
        LinearForm supplier = LinearForm.of(new Quantity.OfMetric(request.supplier()), 1);
        LinearForm customer = LinearForm.of(new Quantity.OfMetric(request.customer()), 1);
        AffineModel.Estimate estimate = Frontier.estimate(request.problem(), supplier, customer, request.points());
        try (HeavyWork.Permit permit = admit(request.problem(), estimate, "one frontier")) {
            r = Frontier.trace(watched(request.problem(), permit), supplier, customer, request.points(), request.walkAway(),
                    request.demand(), request.backend());
        } catch (AffineModel.NotLinearException e) {
            throw notLinear(e);
        }
        Provenance provenance = provenances.of(request.problem().scenario().scenario(), root, "scenario");
        FrontierAnswer answer = FrontierAnswer.of(r, request.problem(), request.supplier(), request.customer(),
                request.walkAway(), request.demand(), provenance);
        if (format == Format.CSV) {
            return provenance.stamp(Response.ok(answer.csv(request.problem()), Format.CSV.contentType)).build();
        }
        return provenance.stamp(Response.ok(answer, MediaType.APPLICATION_JSON)).build();
    }

    /** Admits an optimisation by its estimated evaluations and heap, before its model is measured. */
    private HeavyWork.Permit admit(DealProblem problem, AffineModel.Estimate estimate, String what) {
        return heavy.admitHeavy("/decisions", Cost.of(estimate.evaluations(), problem.scenario()), estimate.bytes(), what);
    }

    /** The problem with its scenario evaluated as the work of the request holding {@code permit}. */
    private static DealProblem watched(DealProblem problem, HeavyWork.Permit permit) {
        return new DealProblem(permit.watch(problem.scenario()), problem.decisions(), problem.objective(),
                problem.constraints(), problem.timeLimitSeconds());
    }

    /** A decision (or, at index −1, the whole set) the engine does not follow linearly, named at its place in the request. */
    private static InvalidInputException notLinear(AffineModel.NotLinearException e) {
        return new InvalidInputException(new Violation(e.decision() < 0 ? "/decisions" : "/decisions/" + e.decision(),
                e.getMessage(), null));
    }
}
