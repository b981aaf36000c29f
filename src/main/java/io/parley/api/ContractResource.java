package io.parley.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /openapi.yaml}: the hand-written contract byte for byte as it is in the repository, with
 * its SHA-256 as a strong ETag so a client generator or a cache can ask whether it changed
 * ({@code If-None-Match}, answered 304). {@link ContractJsonResource} answers the same document as JSON.
 *
 * <p>{@code /q/openapi}, where the SmallRye OpenAPI extension served a re-serialised copy built at start,
 * answers these two documents ({@link ExtensionContractPaths}).
 */
@Path("/openapi.yaml")
public class ContractResource {

    @GET
    @Produces("application/yaml")
    @QueryParameters(othersIgnored = true)
    public Response contract(@Context Request request) {
        return answer(request, ContractDocument.yaml());
    }

    static Response answer(Request request, ContractDocument.Form form) {
        // RFC 9110 If-None-Match: a 304 (with the ETag, no body) when the client's copy is this one
        Response.ResponseBuilder notModified = request.evaluatePreconditions(form.etag());
        if (notModified != null) {
            return notModified.tag(form.etag()).build();
        }
        return Response.ok(form.bytes()).tag(form.etag()).build();
    }
}
