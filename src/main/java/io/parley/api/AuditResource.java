package io.parley.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalLong;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.document.Csv;
import io.parley.identity.AuditEntry;
import io.parley.identity.AuditTrail;

/**
 * {@code /api/v1/audit}: the audit trail of the caller's tenant, newest first, a page at a time
 * (Authentication lets administrators only in). The next page's address is in the {@code Link}
 * header ({@code rel="next"}) and, in JSON, in {@code next}.
 */
@Path("/api/v1/audit")
public class AuditResource {

    static final String CSV_HEADER = "id,at,tenant,subject,name,operation,target,revision,clientAddress";

    @Inject ObjectMapper mapper;
    @Inject AuditTrail audit;
    @Inject Callers callers;

    @GET
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @QueryParameters({"since", "before", "limit"})
    public Response list(@Context UriInfo uri, @Context HttpHeaders headers) {
        MultivaluedMap<String, String> q = uri.getQueryParameters();
        Format format = Format.negotiate(headers, Format.JSON, Format.CSV);
        Optional<Instant> since = Optional.ofNullable(q.getFirst("since")).map(AuditResource::instant);
        OptionalLong before = q.getFirst("before") == null ? OptionalLong.empty()
                : OptionalLong.of(PlanPaths.id("before", q.getFirst("before"), "an audit entry id"));
        int limit = q.getFirst("limit") == null ? AuditTrail.DEFAULT_PAGE
                : Requests.integer("limit", q.getFirst("limit"), 1, AuditTrail.MAX_PAGE);
        AuditTrail.Page page = audit.read(callers.caller(), since, before, limit);
        String next = page.nextBefore().isEmpty() ? null : "/api/v1/audit?"
                + since.map(s -> "since=" + s + "&").orElse("") + "limit=" + limit + "&before=" + page.nextBefore().getAsLong();
        Response.ResponseBuilder answer = format == Format.CSV
                ? Response.ok(csv(page), Format.CSV.contentType)
                : Response.ok(json(page, next).toString(), MediaType.APPLICATION_JSON);
        if (next != null) answer.header("Link", "<" + next + ">; rel=\"next\"");
        return answer.build();
    }

    private ObjectNode json(AuditTrail.Page page, String next) {
        ObjectNode out = mapper.createObjectNode();
        ArrayNode items = out.putArray("items");
        for (AuditEntry e : page.entries()) {
            ObjectNode o = items.addObject().put("id", e.id()).put("at", e.at().toString()).put("tenant", e.tenant())
                    .put("subject", e.subject()).put("name", e.name()).put("operation", e.operation()).put("target", e.target());
            if (e.revision().isPresent()) o.put("revision", e.revision().getAsInt());
            else o.putNull("revision");
            o.put("clientAddress", e.clientAddress().orElse(null));
        }
        out.put("next", next);
        return out;
    }

    private static String csv(AuditTrail.Page page) {
        StringBuilder out = new StringBuilder(CSV_HEADER).append(Csv.EOL);
        for (AuditEntry e : page.entries()) {
            Csv.cells(out, e.id(), e.at().toString(), e.tenant(), e.subject(), e.name(), e.operation(), e.target(),
                    e.revision().isPresent() ? e.revision().getAsInt() : null, e.clientAddress().orElse(null));
        }
        return out.toString();
    }

    private static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw Requests.badParameter("since", "query parameter 'since': '" + value + "' is not an instant "
                    + "(ISO 8601 in UTC, like 2026-12-03T13:00:00Z)");
        }
    }
}
