package io.parley.api;

import jakarta.ws.rs.core.Response;

/**
 * What produced a result, so a figure pasted into a deck can be traced and reproduced.
 *
 * @param engineVersion the Parley build
 * @param modelVersion  the model spec the figures follow
 * @param scenarioHash  {@code sha256:} of the normalised input scenario
 */
public record Provenance(String engineVersion, String modelVersion, String scenarioHash) {

    public static final String MODEL_VERSION = "v1";
    static final String ENGINE_HEADER = "Parley-Engine-Version";
    static final String MODEL_HEADER = "Parley-Model-Version";
    static final String HASH_HEADER = "Parley-Scenario-Hash";

    /** The response with this provenance in its headers, as every answer that carries figures has. */
    Response.ResponseBuilder stamp(Response.ResponseBuilder response) {
        return response.header(ENGINE_HEADER, engineVersion).header(MODEL_HEADER, modelVersion)
                .header(HASH_HEADER, scenarioHash);
    }
}
