package io.parley.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.engine.Metric;

/** {@code GET /api/v1/metrics}: the summary metrics analyses and optimisation can refer to. */
@Path("/api/v1/metrics")
public class MetricsResource {

    private final ObjectMapper mapper;

    public MetricsResource(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @QueryParameters(othersIgnored = true)
    public ObjectNode metrics() {
        ObjectNode root = mapper.createObjectNode();
        ArrayNode list = root.putArray("metrics");
        for (Metric m : Metric.values()) {
            list.addObject()
                    .put("name", m.apiName)
                    .put("description", m.description)
                    .put("unit", m.unit.name().toLowerCase());
        }
        return root;
    }
}
