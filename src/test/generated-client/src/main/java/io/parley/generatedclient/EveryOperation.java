package io.parley.generatedclient;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.parley.client.ApiClient;
import io.parley.client.ApiException;
import io.parley.client.api.AnalysesApi;
import io.parley.client.api.EvaluationApi;
import io.parley.client.api.IdentityApi;
import io.parley.client.api.JobsApi;
import io.parley.client.api.OptimisationApi;
import io.parley.client.api.PlansApi;
import io.parley.client.api.ReferenceApi;
import io.parley.client.api.UncertaintyApi;
import io.parley.client.model.ActualsUpload;
import io.parley.client.model.ApiKeyRequest;
import io.parley.client.model.IssuedApiKey;
import io.parley.client.model.IssuedPlanLink;
import io.parley.client.model.Job;
import io.parley.client.model.JobRequest;
import io.parley.client.model.BreakEvenRequest;
import io.parley.client.model.BridgeRequest;
import io.parley.client.model.CompareRequest;
import io.parley.client.model.FrontierRequest;
import io.parley.client.model.GoalSeekRequest;
import io.parley.client.model.MetricName;
import io.parley.client.model.MonteCarloRequest;
import io.parley.client.model.MorrisRequest;
import io.parley.client.model.OptimizeRequest;
import io.parley.client.model.Plan;
import io.parley.client.model.PlanActuals;
import io.parley.client.model.PlanChange;
import io.parley.client.model.PlanLinkRequest;
import io.parley.client.model.PlanScenario;
import io.parley.client.model.PlanScenarioChange;
import io.parley.client.model.PlanScenarioEvaluation;
import io.parley.client.model.Scenario;
import io.parley.client.model.SobolRequest;
import io.parley.client.model.SpiderRequest;
import io.parley.client.model.SweepRequest;
import io.parley.client.model.TornadoRequest;

/**
 * Calls every operation of openapi.yaml through the client openapi-generator made from it, as another
 * team would: each request body is the operation's first JSON example read into the generated type,
 * each answer is read back into the generated type. Prints one line per operation, {@code ok <operationId>
 * <answer type>} or {@code FAIL <operationId> <why>}; GeneratedJavaClientTest checks that every operation
 * of the contract has its {@code ok} line.
 *
 * <p>Arguments: the service's base URL, the path of openapi.yaml and the API key every call sends
 * (as another team's client would, through the generated client's request interceptor).
 */
public final class EveryOperation {

    private final JsonNode contract;
    private final ObjectMapper mapper;
    private final AnalysesApi analyses;
    private final EvaluationApi evaluation;
    private final IdentityApi identity;
    private final JobsApi jobs;
    private final OptimisationApi optimisation;
    private final PlansApi plans;
    private final ReferenceApi reference;
    private final UncertaintyApi uncertainty;

    private EveryOperation(URI base, JsonNode contract, String apiKey) {
        this.contract = contract;
        ApiClient client = new ApiClient()
                .setScheme(base.getScheme()).setHost(base.getHost()).setPort(base.getPort()).setBasePath("")
                .setRequestInterceptor(request -> request.header("Authorization", "Bearer " + apiKey));
        this.mapper = client.getObjectMapper();
        this.analyses = new AnalysesApi(client);
        this.evaluation = new EvaluationApi(client);
        this.identity = new IdentityApi(client);
        this.jobs = new JobsApi(client);
        this.optimisation = new OptimisationApi(client);
        this.plans = new PlansApi(client);
        this.reference = new ReferenceApi(client);
        this.uncertainty = new UncertaintyApi(client);
    }

    public static void main(String[] args) throws IOException {
        JsonNode contract = new ObjectMapper(new YAMLFactory()).readTree(new File(args[1]));
        new EveryOperation(URI.create(args[0]), contract, args[2]).run();
    }

    /** The id every call sends as X-Request-Id, so the service's answers can be matched to this run in its log. */
    private static final String ID = "generated-client-test";

    private interface Call {
        Object answer() throws Exception;
    }

    private void run() {
        Map<String, Call> calls = new LinkedHashMap<>();
        calls.put("evaluateScenario", () -> evaluation.evaluateScenario(body("evaluateScenario", Scenario.class), ID, null, null));
        calls.put("compareScenarios", () -> evaluation.compareScenarios(body("compareScenarios", CompareRequest.class), ID, null));
        calls.put("tornadoAnalysis", () -> analyses.tornadoAnalysis(body("tornadoAnalysis", TornadoRequest.class), ID));
        calls.put("spiderAnalysis", () -> analyses.spiderAnalysis(body("spiderAnalysis", SpiderRequest.class), ID));
        calls.put("sweepAnalysis", () -> analyses.sweepAnalysis(body("sweepAnalysis", SweepRequest.class), ID, null, null, null, null));
        calls.put("goalSeekAnalysis", () -> analyses.goalSeekAnalysis(body("goalSeekAnalysis", GoalSeekRequest.class), ID));
        calls.put("breakEvenAnalysis", () -> analyses.breakEvenAnalysis(body("breakEvenAnalysis", BreakEvenRequest.class), ID));
        calls.put("bridgeAnalysis", () -> analyses.bridgeAnalysis(body("bridgeAnalysis", BridgeRequest.class), ID));
        calls.put("monteCarloAnalysis", () -> uncertainty.monteCarloAnalysis(body("monteCarloAnalysis", MonteCarloRequest.class), ID, null, null));
        calls.put("sobolAnalysis", () -> uncertainty.sobolAnalysis(body("sobolAnalysis", SobolRequest.class), ID));
        calls.put("morrisAnalysis", () -> uncertainty.morrisAnalysis(body("morrisAnalysis", MorrisRequest.class), ID));
        calls.put("optimizeDeal", () -> optimisation.optimizeDeal(body("optimizeDeal", OptimizeRequest.class), ID, null));
        calls.put("negotiationFrontier", () -> optimisation.negotiationFrontier(body("negotiationFrontier", FrontierRequest.class), ID));
        calls.put("listMetrics", () -> reference.listMetrics(ID));
        calls.put("getOpenApiDocument", () -> reference.getOpenApiDocument(ID, null));
        calls.put("getOpenApiDocumentAsJson", () -> reference.getOpenApiDocumentAsJson(ID, null));
        calls.put("health", () -> reference.health(ID));
        calls.put("getExcelAddinManifest", () -> reference.getExcelAddinManifest(ID));

        IssuedApiKey[] key = new IssuedApiKey[1];
        calls.put("createApiKey", () -> key[0] = identity.createApiKey(body("createApiKey", ApiKeyRequest.class), ID));
        calls.put("listApiKeys", () -> identity.listApiKeys(ID));
        calls.put("revokeApiKey", () -> identity.revokeApiKey(String.valueOf(key[0].getId()), ID));
        calls.put("listAuditEntries", () -> identity.listAuditEntries(ID, null, null, null));

        // a job's life: submitted, read until it has succeeded, its answer read, then cancelled (an ended job stays as it is)
        Job[] job = new Job[1];
        calls.put("submitJob", () -> job[0] = jobs.submitJob(body("submitJob", JobRequest.class), ID, UUID.randomUUID().toString()));
        calls.put("readJob", () -> {
            for (int i = 0; i < 600 && !"succeeded".equals(String.valueOf(job[0].getState())); i++) {
                Thread.sleep(100);
                job[0] = jobs.readJob(job[0].getId(), ID);
            }
            return job[0];
        });
        calls.put("readJobResult", () -> jobs.readJobResult(job[0].getId(), ID));
        calls.put("cancelJob", () -> jobs.cancelJob(job[0].getId(), ID));

        // a plan's life, in an order in which each call has what it needs
        Plan[] plan = new Plan[1];
        PlanScenario[] scenario = new PlanScenario[1];
        PlanActuals[] actuals = new PlanActuals[1];
        calls.put("createPlan", () -> plan[0] = plans.createPlan(body("createPlan", PlanChange.class), ID, UUID.randomUUID().toString()));
        calls.put("readPlan", () -> plans.readPlan(plan[0].getId(), ID));
        calls.put("listPlans", () -> plans.listPlans(ID, null, null, null, null, null, null, null, null));
        calls.put("updatePlan", () -> plan[0] = plans.updatePlan(plan[0].getId(), etag(plan[0]), body("updatePlan", PlanChange.class), ID));
        calls.put("addPlanScenario", () -> scenario[0] = plans.addPlanScenario(plan[0].getId(),
                body("addPlanScenario", PlanScenarioChange.class), ID, UUID.randomUUID().toString()));
        calls.put("listPlanScenarios", () -> plans.listPlanScenarios(plan[0].getId(), ID));
        calls.put("readPlanScenario", () -> plans.readPlanScenario(plan[0].getId(), scenario[0].getId(), ID));
        calls.put("evaluatePlanScenario", () -> plans.evaluatePlanScenario(plan[0].getId(), scenario[0].getId(),
                body("evaluatePlanScenario", PlanScenarioEvaluation.class), ID, null));
        calls.put("readPlanScenarioMetric", () -> plans.readPlanScenarioMetric(plan[0].getId(), scenario[0].getId(), MetricName.NPV, ID, null, null));
        calls.put("readPlanFigures", () -> plans.readPlanFigures(plan[0].getId(), ID, null, null, null, null));
        calls.put("readPlanScenarioFigures", () -> plans.readPlanScenarioFigures(plan[0].getId(), scenario[0].getId(), ID,
                "npv,customerNpv", "terms.discounts[widgets]", List.of("0.04", "0.08"), null, null, null));
        IssuedPlanLink[] link = new IssuedPlanLink[1];
        calls.put("createPlanLink", () -> link[0] = identity.createPlanLink(plan[0].getId(), ID, body("createPlanLink", PlanLinkRequest.class)));
        calls.put("listPlanLinks", () -> identity.listPlanLinks(plan[0].getId(), ID));
        calls.put("revokePlanLink", () -> identity.revokePlanLink(plan[0].getId(), String.valueOf(link[0].getId()), ID));
        calls.put("agreePlanScenario", () -> plans.agreePlanScenario(plan[0].getId(), scenario[0].getId(), ID));
        calls.put("uploadPlanActuals", () -> actuals[0] = plans.uploadPlanActuals(plan[0].getId(),
                body("uploadPlanActuals", ActualsUpload.class), ID, UUID.randomUUID().toString(), null));
        calls.put("listPlanActuals", () -> plans.listPlanActuals(plan[0].getId(), ID, null, null));
        calls.put("planVariance", () -> plans.planVariance(plan[0].getId(), ID, null, null, null));
        calls.put("planOverview", () -> plans.planOverview(plan[0].getId(), ID, null));
        calls.put("withdrawPlanActual", () -> {
            plans.withdrawPlanActual(plan[0].getId(), actuals[0].getActuals().get(0).getPeriod(), ID);
            return "no content";
        });
        calls.put("listPlanRevisions", () -> plans.listPlanRevisions(plan[0].getId(), ID));
        calls.put("readPlanRevision", () -> plans.readPlanRevision(plan[0].getId(), 1, ID));
        calls.put("archivePlan", () -> plans.archivePlan(plan[0].getId(), etag(plans.readPlan(plan[0].getId(), ID)), ID, "client test", null));

        for (Map.Entry<String, Call> call : calls.entrySet()) {
            try {
                Object answer = call.getValue().answer();
                if (answer == null) {
                    System.out.println("FAIL " + call.getKey() + " no answer");
                } else {
                    System.out.println("ok " + call.getKey() + " " + answer.getClass().getSimpleName());
                }
            } catch (ApiException e) {
                System.out.println("FAIL " + call.getKey() + " HTTP " + e.getCode() + " " + oneLine(e.getResponseBody()));
            } catch (Exception e) {
                System.out.println("FAIL " + call.getKey() + " " + oneLine(String.valueOf(e)));
            }
        }
    }

    /** The plan's ETag as its answers carry it (the generated client does not expose response headers here). */
    private static String etag(Plan plan) {
        return "\"r" + plan.getRevision() + "\"";
    }

    /** The operation's first JSON request example, read into the generated request type. */
    private <T> T body(String operationId, Class<T> type) throws IOException {
        JsonNode operation = operation(operationId);
        JsonNode examples = operation.at("/requestBody/content/application~1json/examples");
        JsonNode example = examples.isMissingNode() ? operation.at("/requestBody/content/application~1json/example")
                : resolve(examples.elements().next()).get("value");
        if (example == null || example.isMissingNode()) {
            throw new IllegalStateException(operationId + " has no JSON request example");
        }
        return mapper.treeToValue(example, type);
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode ref = node.get("$ref");
        return ref == null ? node : contract.at(ref.asText().substring(1));
    }

    private JsonNode operation(String operationId) {
        for (JsonNode path : contract.get("paths")) {
            for (Iterator<JsonNode> it = path.elements(); it.hasNext();) {
                JsonNode operation = it.next();
                if (operationId.equals(operation.path("operationId").asText())) return operation;
            }
        }
        throw new IllegalArgumentException("no operation " + operationId + " in the contract");
    }

    private static String oneLine(String text) {
        if (text == null) return "";
        String line = text.replaceAll("\\s+", " ");
        return line.length() > 600 ? line.substring(0, 600) + "…" : line;
    }
}
