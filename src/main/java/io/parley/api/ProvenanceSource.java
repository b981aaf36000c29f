package io.parley.api;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.model.Scenario;

/** The one source of provenance: this build's engine version, the model version and a scenario's hash. */
@ApplicationScoped
public class ProvenanceSource {

    private final String engineVersion;
    private final ObjectMapper mapper;

    public ProvenanceSource(@ConfigProperty(name = "quarkus.application.version") String engineVersion,
                            ObjectMapper mapper) {
        this.engineVersion = engineVersion;
        this.mapper = mapper;
    }

    /** The provenance of figures computed from {@code scenario}. */
    public Provenance of(Scenario scenario) {
        return new Provenance(engineVersion, Provenance.MODEL_VERSION, hash(scenario));
    }

    /** {@code sha256:} of the normalised scenario, as answers name the scenarios they compare. */
    public String hash(Scenario scenario) {
        return ScenarioJson.hash(scenario, mapper);
    }

    /** Provenance under a hash computed elsewhere (a comparison names its baseline's). */
    Provenance ofHash(String scenarioHash) {
        return new Provenance(engineVersion, Provenance.MODEL_VERSION, scenarioHash);
    }
}
