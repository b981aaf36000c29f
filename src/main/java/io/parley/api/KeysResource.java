package io.parley.api;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.document.JsonInput;
import io.parley.identity.ApiKey;
import io.parley.identity.ApiKeys;
import io.parley.identity.Caller;
import io.parley.model.InvalidInputException;
import io.parley.model.Violation;

/** {@code /api/v1/keys}: an administrator's API keys of its own tenant (Authentication lets administrators only in). */
@Path("/api/v1/keys")
public class KeysResource {

    @Inject JsonBodies bodies;
    @Inject ObjectMapper mapper;
    @Inject ApiKeys keys;
    @Inject Callers callers;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Response create(byte[] body) {
        JsonNode root = bodies.parse(body);
        List<Violation> violations = new ArrayList<>();
        JsonInput in = new JsonInput(violations);
        String name = null;
        List<String> roles = new ArrayList<>();
        Optional<Instant> expiresAt = Optional.empty();
        if (in.object(root, "", "a key", new LinkedHashSet<>(List.of("name", "roles", "expiresAt")))) {
            name = in.requiredText(root, "", "name");
            JsonNode r = in.required(root, "", "roles");
            if (r != null) for (int i = 0; i < in.array(r, "/roles").size(); i++) {
                String role = in.text(r.get(i), "/roles/" + i);
                if (role != null) roles.add(role);
            }
            expiresAt = in.optionalInstant(root, "", "expiresAt");
        }
        if (!violations.isEmpty()) throw new InvalidInputException(violations);
        ApiKeys.Issued issued = keys.create(caller(), name, roles, expiresAt);
        ObjectNode view = view(issued.key()).put("secret", issued.secret());
        return Response.created(URI.create("/api/v1/keys/" + issued.key().id())).entity(view.toString())
                .type(MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response list() {
        ArrayNode items = mapper.createArrayNode();
        keys.list(caller()).forEach(k -> items.add(view(k)));
        return Response.ok(mapper.createObjectNode().set("items", items).toString(), MediaType.APPLICATION_JSON).build();
    }

    /** Revokes the key: refused from the next request on. Revoking a revoked key answers it as it is. */
    @DELETE
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Response revoke(@PathParam("id") String id) {
        ApiKey revoked = keys.revoke(caller(), PlanPaths.id("id", id, "a key id"))
                .orElseThrow(() -> PlanPaths.notFound("no API key " + id));
        return Response.ok(view(revoked).toString(), MediaType.APPLICATION_JSON).build();
    }

    private Caller caller() {
        return callers.caller();
    }

    private ObjectNode view(ApiKey k) {
        ObjectNode o = mapper.createObjectNode().put("id", k.id()).put("name", k.name()).put("tenant", k.tenant());
        ArrayNode roles = o.putArray("roles");
        k.roles().stream().sorted().forEach(r -> roles.add(r.apiName()));
        o.put("createdAt", k.createdAt().toString()).put("createdBy", k.createdBy());
        k.expiresAt().ifPresent(t -> o.put("expiresAt", t.toString()));
        k.revokedAt().ifPresent(t -> o.put("revokedAt", t.toString()));
        k.lastUsedAt().ifPresent(t -> o.put("lastUsedAt", t.toString()));
        return o;
    }
}
