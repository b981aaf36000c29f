package io.parley.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /openapi.json}: the contract as JSON, for code that reads it (the workbench's editor), made
 * from openapi.yaml on the first request and kept; revalidated by its strong ETag as /openapi.yaml is.
 */
@Path("/openapi.json")
public class ContractJsonResource {

    @GET
    @Produces("application/json")
    @QueryParameters(othersIgnored = true)
    public Response contract(@Context Request request) {
        return ContractResource.answer(request, ContractDocument.json());
    }
}
