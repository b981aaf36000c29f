package io.parley.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.parley.ops.ParleyConfig;

import io.quarkus.vertx.http.runtime.filters.Filters;

/**
 * Refuses a body declared larger than {@code parley.limits.max-body-bytes} before it is read, with
 * the same problem the resources answer for one found too large after reading. Without it a body
 * over the HTTP layer's own ceiling (quarkus.http.limits.max-body-size) got that layer's bare 413,
 * and one under it was read whole just to be refused.
 */
@ApplicationScoped
public class BodyLimit {

    /** Before routing and body handling. */
    private static final int PRIORITY = 1000;

    void register(@Observes Filters filters, ParleyConfig config, ObjectMapper mapper) {
        long limit = config.limits().maxBodyBytes();
        filters.register(rc -> {
            long declared = declaredLength(rc.request().getHeader("Content-Length"));
            if (declared <= limit) {
                rc.next();
                return;
            }
            HttpLimits.refuse(rc, mapper, JsonBodies.tooLarge(declared, limit).problem());
        }, PRIORITY);
    }

    /** The Content-Length header as a number; −1 when absent or not a number (the body is then measured as read). */
    static long declaredLength(String header) {
        if (header == null) return -1;
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
