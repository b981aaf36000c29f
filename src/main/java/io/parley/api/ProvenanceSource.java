package io.parley.api;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.document.RequestHash;
import io.parley.document.ScenarioJson;
import io.parley.model.Scenario;

/**
 * The one source of provenance: this build's engine version, the model version, a scenario's hash
 * and the hash of the whole request that produced an answer.
 */
@ApplicationScoped
public class ProvenanceSource {

    private final String engineVersion;
    private final ObjectMapper mapper;

    public ProvenanceSource(@ConfigProperty(name = "quarkus.application.version") String engineVersion,
                            ObjectMapper mapper) {
        this.engineVersion = engineVersion;
        this.mapper = mapper;
    }

    /** The provenance of figures computed from {@code scenario} alone (the request is the scenario). */
    public Provenance of(Scenario scenario) {
        return of(scenario, null, null, null);
    }

    /**
     * The provenance of an answer to {@code request}, whose member {@code field} held {@code scenario}:
     * the scenario's hash, and the request's with the scenario in normalised form.
     */
    Provenance of(Scenario scenario, JsonNode request, String field) {
        return of(scenario, request, field, null);
    }

    /** As {@link #of(Scenario, JsonNode, String)}, for a random analysis that drew its points by {@code sampled}. */
    Provenance of(Scenario scenario, JsonNode request, String field, Provenance.Sampled sampled) {
        return of(scenario, request, field, sampled, Map.of());
    }

    /**
     * As above, for a request whose query string changes which figures are computed: {@code query} holds
     * those parameters, parsed (a shard of a sweep, {@code format=mps}), and goes into the hash as the
     * member {@code query} (no request body has one). Parameters that only pick which of the same figures
     * are written, or how, are left out by the caller, so the JSON and the CSV of a request share a hash.
     */
    Provenance of(Scenario scenario, JsonNode request, String field, Provenance.Sampled sampled, Map<String, JsonNode> query) {
        // one canonical form for both hashes: the scenario's is of its JSON, the request's holds it
        ObjectNode canonical = ScenarioJson.canonical(scenario, mapper);
        Map<String, JsonNode> replaced = new LinkedHashMap<>();
        replaced.put(field == null ? "scenario" : field, canonical);
        if (sampled != null) {
            // the seed and method used, so a default left out and the same value stated hash alike
            replaced.put("seed", JsonNodeFactory.instance.numberNode(sampled.seed()));
            replaced.put("sampling", JsonNodeFactory.instance.textNode(sampled.method()));
        }
        if (!query.isEmpty()) {
            var parameters = JsonNodeFactory.instance.objectNode();
            query.forEach(parameters::set);
            replaced.put("query", parameters);
        }
        return new Provenance(engineVersion, Provenance.MODEL_VERSION, ScenarioJson.hashOf(canonical, mapper), RequestHash.of(request, replaced),
                sampled == null ? null : sampled.method(), sampled == null ? null : sampled.seed());
    }

    /** {@code sha256:} of the normalised scenario, as answers name the scenarios they compare. */
    public String hash(Scenario scenario) {
        return ScenarioJson.hash(scenario, mapper);
    }
}
