package io.parley.jobs;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The operations a job may run, named by the contract's operationId (what a generated client calls
 * them) and run through the synchronous endpoint at {@link #path}: a job's request is exactly the body
 * that endpoint takes, and its answer exactly what it answers, in one of the media types it offers.
 */
public enum Operation {
    EVALUATE("evaluateScenario", "/api/v1/evaluate", Media.JSON, Media.CSV),
    COMPARE("compareScenarios", "/api/v1/compare", Media.JSON, Media.CSV),
    TORNADO("tornadoAnalysis", "/api/v1/analyses/tornado", Media.JSON, Media.CSV),
    SPIDER("spiderAnalysis", "/api/v1/analyses/spider", Media.JSON, Media.CSV),
    SWEEP("sweepAnalysis", "/api/v1/analyses/sweep", Media.JSON, Media.CSV, Media.NDJSON),
    GOAL_SEEK("goalSeekAnalysis", "/api/v1/analyses/goal-seek", Media.JSON, Media.CSV),
    BREAK_EVEN("breakEvenAnalysis", "/api/v1/analyses/break-even", Media.JSON, Media.CSV),
    BRIDGE("bridgeAnalysis", "/api/v1/analyses/bridge", Media.JSON, Media.CSV),
    MONTE_CARLO("monteCarloAnalysis", "/api/v1/analyses/monte-carlo", Media.JSON, Media.CSV, Media.NDJSON),
    SOBOL("sobolAnalysis", "/api/v1/analyses/sobol", Media.JSON, Media.CSV),
    MORRIS("morrisAnalysis", "/api/v1/analyses/morris", Media.JSON, Media.CSV),
    OPTIMIZE("optimizeDeal", "/api/v1/optimize", Media.JSON),
    FRONTIER("negotiationFrontier", "/api/v1/optimize/frontier", Media.JSON, Media.CSV);

    /** The media types of answers, as the synchronous endpoints name them. */
    public static final class Media {
        public static final String JSON = "application/json";
        public static final String CSV = "text/csv";
        public static final String NDJSON = "application/x-ndjson";

        private Media() {
        }
    }

    public final String operationId;
    public final String path;
    private final List<String> mediaTypes;

    Operation(String operationId, String path, String... mediaTypes) {
        this.operationId = operationId;
        this.path = path;
        this.mediaTypes = List.of(mediaTypes);
    }

    /** The media types the synchronous endpoint answers in, the first its default. */
    public List<String> mediaTypes() {
        return mediaTypes;
    }

    /**
     * True when the endpoint answers {@code mediaType} in shards ({@code shard=k&shards=n}) whose
     * answers, joined in order, are the unsharded answer: the rows of a sweep and the raw samples of a
     * Monte Carlo run, as CSV or NDJSON.
     */
    public boolean shardsAs(String mediaType) {
        return (this == SWEEP || this == MONTE_CARLO) && (Media.CSV.equals(mediaType) || Media.NDJSON.equals(mediaType));
    }

    public static Optional<Operation> byId(String operationId) {
        return Arrays.stream(values()).filter(o -> o.operationId.equals(operationId)).findFirst();
    }

    /** Every operationId, in the contract's order, for the message that refuses another. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(o -> o.operationId).toList();
    }
}
