package io.parley.ops;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.MDC;

import io.quarkus.vertx.http.runtime.filters.Filters;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is a plain token (so a
 * gateway's id follows the request through), else a new UUID. It goes back in the response header
 * and into the logging context as {@code requestId}, so each JSON log line names the request it
 * belongs to.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String LOG_KEY = "requestId";
    /** What a caller's id may be: no spaces, quotes or control characters to smuggle into logs, and short. */
    static final Pattern PLAIN_TOKEN = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    /** Before every other filter (BodyLimit is 1000), so even a refused body's answer carries the id. */
    private static final int PRIORITY = 2000;

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            String id = idFor(rc.request().getHeader(HEADER));
            MDC.put(LOG_KEY, id);
            rc.response().putHeader(HEADER, id);
            rc.next();
        }, PRIORITY);
    }

    /** The caller's id when it is a plain token, else a fresh one. */
    static String idFor(String offered) {
        return offered != null && PLAIN_TOKEN.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    }
}
