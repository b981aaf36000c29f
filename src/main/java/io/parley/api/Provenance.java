package io.parley.api;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.parley.document.RequestHash;

/**
 * What produced a result, so a figure pasted into a deck can be traced and reproduced.
 *
 * @param engineVersion the Parley build
 * @param modelVersion  the model spec the figures follow
 * @param scenarioHash  {@code sha256:} of the normalised input scenario
 * @param requestHash   {@code sha256:} of the whole request in canonical form (see {@link RequestHash}):
 *                      the scenario, levers, distributions, options, and the seed and sampling used
 * @param sampling      how a random analysis drew its points ({@code random}, {@code latinHypercube},
 *                      {@code sobol}, {@code saltelli}, {@code morris}); null for a deterministic answer
 * @param seed          the seed of that random stream; null for a deterministic answer
 */
public record Provenance(String engineVersion, String modelVersion, String scenarioHash, String requestHash,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String sampling,
                         @JsonInclude(JsonInclude.Include.NON_NULL) Long seed) {

    public static final String MODEL_VERSION = "v1";
    static final String ENGINE_HEADER = "Parley-Engine-Version";
    static final String MODEL_HEADER = "Parley-Model-Version";
    static final String HASH_HEADER = "Parley-Scenario-Hash";
    static final String REQUEST_HASH_HEADER = "Parley-Request-Hash";
    static final String SAMPLING_HEADER = "Parley-Sampling";
    static final String SEED_HEADER = "Parley-Seed";

    /** How a random analysis drew its points: the method and the seed, both part of the request's hash. */
    record Sampled(String method, long seed) {
    }

    /**
     * The response with this provenance in its headers, as every answer that carries figures has:
     * streamed answers (CSV, NDJSON) too, whose rows have no room for it.
     */
    Response.ResponseBuilder stamp(Response.ResponseBuilder response) {
        response.header(ENGINE_HEADER, engineVersion).header(MODEL_HEADER, modelVersion)
                .header(HASH_HEADER, scenarioHash).header(REQUEST_HASH_HEADER, requestHash);
        if (sampling != null) {
            response.header(SAMPLING_HEADER, sampling).header(SEED_HEADER, seed);
        }
        return response;
    }
}
