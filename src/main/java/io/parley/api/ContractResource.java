package io.parley.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/** {@code GET /openapi.yaml}: the hand-written contract exactly as it is in the repository. */
@Path("/openapi.yaml")
public class ContractResource {

    private static final String SPEC = "META-INF/openapi.yaml";
    private final byte[] contract;

    public ContractResource() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(SPEC)) {
            if (in == null) {
                throw new IllegalStateException(SPEC + " is missing from the build");
            }
            contract = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GET
    @Produces("application/yaml")
    public byte[] contract() {
        return contract;
    }
}
