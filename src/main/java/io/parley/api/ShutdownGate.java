package io.parley.api;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;

/**
 * From the moment the service is told to stop (SIGTERM), a request that arrives is answered at once
 * with a problem 503 and Retry-After, so its client retries on another replica; the requests already
 * in flight go on for {@code quarkus.shutdown.timeout}. Left to Quarkus, a new request was still
 * served during that drain, and one that came after it met the stopped worker pool and got the
 * framework's bare 503. The moment is Quarkus's pre-shutdown event, which it fires before the drain
 * when {@code quarkus.shutdown.delay-enabled} is on (with no delay set, nothing waits for it).
 */
@ApplicationScoped
public class ShutdownGate {

    /** Seconds a client refused by a stopping replica should wait: another replica answers at once. */
    static final int RETRY_AFTER_SECONDS = 1;

    /** Before every other filter: a stopping service reads nothing more. */
    private static final int PRIORITY = 1200;

    private final AtomicBoolean stopping = new AtomicBoolean();

    void stopping(@Observes ShutdownDelayInitiatedEvent event) {
        stopping.set(true);
    }

    void register(@Observes Filters filters, ObjectMapper mapper) {
        filters.register(rc -> {
            if (stopping.get()) {
                refuse(rc, mapper);
            } else {
                rc.next();
            }
        }, PRIORITY);
    }

    /** Whether new requests are refused; for tests, which start and end a shutdown's gate by hand. */
    boolean closed() {
        return stopping.get();
    }

    void reopen() {
        stopping.set(false);
    }

    private static void refuse(RoutingContext rc, ObjectMapper mapper) {
        Problem problem = Problem.of(Problem.Kind.UNAVAILABLE)
                .detail("this replica of the service is shutting down; retry in " + RETRY_AFTER_SECONDS
                        + " s (another replica, or this one restarted, will answer)")
                .build();
        rc.response().putHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        HttpLimits.refuse(rc, mapper, problem);
    }
}
