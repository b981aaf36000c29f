package io.parley.api;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;

/**
 * A URI or headers over this service's limits answered as problems (414, 431) naming the limit. The
 * HTTP layer's own limits (quarkus.http.limits.max-initial-line-length and max-header-size) are set
 * well above these, so that it is this filter, not the layer's bare status line, that answers; only a
 * request past the layer's limits still gets the bare answer.
 */
@ApplicationScoped
public class HttpLimits {

    /** The longest URI (path and query) accepted, in characters: the HTTP layer's usual 4096. */
    static final int MAX_URI_CHARS = 4096;
    /** The most header bytes accepted (names, values and their separators): the HTTP layer's usual 8 KiB. */
    static final int MAX_HEADER_BYTES = 8192;

    /** Before BodyLimit and routing. */
    private static final int PRIORITY = 1100;

    void register(@Observes Filters filters, ObjectMapper mapper) {
        filters.register(rc -> {
            int uri = rc.request().uri().length();
            if (uri > MAX_URI_CHARS) {
                refuse(rc, mapper, Problem.of(Problem.Kind.URI_TOO_LONG).detail("the URI has " + uri
                        + " characters; the limit is " + MAX_URI_CHARS + ": send long inputs in the body").build());
                return;
            }
            long headers = 0;
            for (Map.Entry<String, String> header : rc.request().headers()) {
                headers += header.getKey().length() + header.getValue().length() + 4; // ": " and CRLF
            }
            if (headers > MAX_HEADER_BYTES) {
                refuse(rc, mapper, Problem.of(Problem.Kind.HEADERS_TOO_LARGE).detail("the headers take " + headers
                        + " bytes; the limit is " + MAX_HEADER_BYTES).build());
                return;
            }
            rc.next();
        }, PRIORITY);
    }

    /**
     * Answers a request refused before routing with {@code problem} (and the headers already put on
     * the response), then closes the connection: a body, if any, is not read.
     */
    static void refuse(RoutingContext rc, ObjectMapper mapper, Problem problem) {
        String body;
        try {
            body = mapper.writeValueAsString(problem.withInstance(rc.request().path()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        // a body, if any, is not read: the connection cannot be reused for another request
        rc.response().setStatusCode(problem.status()).putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Connection", "close").end(body);
    }
}
