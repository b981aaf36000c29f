package io.parley.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import io.parley.model.Sha256;

/**
 * {@code GET /openapi.yaml}: the hand-written contract byte for byte as it is in the repository
 * (the build copies it to {@value #SPEC}), with its SHA-256 as a strong ETag so a client generator
 * or a cache can ask whether it changed ({@code If-None-Match}, answered 304).
 *
 * <p>The SmallRye OpenAPI extension serves its own, re-serialised copy of the same file under
 * {@code quarkus.smallrye-openapi.path}; that path is kept away from this one.
 */
@Path("/openapi.yaml")
public class ContractResource {

    private static final String SPEC = "META-INF/openapi.yaml";
    private final byte[] contract;
    private final EntityTag etag;

    public ContractResource() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(SPEC)) {
            if (in == null) {
                throw new IllegalStateException(SPEC + " is missing from the build");
            }
            contract = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        etag = new EntityTag(Sha256.hex(contract));
    }

    @GET
    @Produces("application/yaml")
    @QueryParameters(othersIgnored = true)
    public Response contract(@Context Request request) {
        // RFC 9110 If-None-Match: a 304 (with the ETag, no body) when the client's copy is this one
        Response.ResponseBuilder notModified = request.evaluatePreconditions(etag);
        if (notModified != null) {
            return notModified.tag(etag).build();
        }
        return Response.ok(contract).tag(etag).build();
    }
}
