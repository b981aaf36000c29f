package io.parley.api;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * From the moment the service is told to stop (SIGTERM), a request that arrives is answered at once
 * with a problem 503 and Retry-After, so its client retries on another replica; the requests already
 * in flight go on for {@code quarkus.shutdown.timeout}. Left to Quarkus, a new request was still
 * served during that drain, and one that came after it met the stopped worker pool and got the
 * framework's bare 503. The moment is Quarkus's pre-shutdown event, which it fires before the drain
 * when {@code quarkus.shutdown.delay-enabled} is on (with no delay set, nothing waits for it).
 * <p>
 * The health checks stay open through the drain, so that the orchestrator sees what is true: readiness
 * DOWN (stop routing here: {@link DrainReadiness}, and Quarkus's own shutdown check) and liveness UP (the
 * process is well; restarting it would cut off the requests it is finishing). Refused with the 503
 * problem, liveness failed during the drain and invited a kill.
 */
@ApplicationScoped
public class ShutdownGate {

    /** Seconds a client refused by a stopping replica should wait: another replica answers at once. */
    static final int RETRY_AFTER_SECONDS = 1;

    /** Before every other filter: a stopping service reads nothing more. */
    private static final int PRIORITY = 1200;

    /**
     * The health checks' root: Quarkus's non-application root ({@code /q}) and SmallRye Health's
     * {@code health}, the defaults, which application.properties leaves as they are.
     */
    static final String HEALTH_PATH = "/q/health";

    private final AtomicBoolean stopping = new AtomicBoolean();

    void stopping(@Observes ShutdownDelayInitiatedEvent event) {
        stopping.set(true);
    }

    void register(@Observes Filters filters, ObjectMapper mapper) {
        filters.register(rc -> {
            if (stopping.get() && !isHealthCheck(rc)) {
                refuse(rc, mapper);
            } else {
                rc.next();
            }
        }, PRIORITY);
    }

    /** A probe's GET (or HEAD) of a health check, {@code /q/health} or one below it. */
    static boolean isHealthCheck(RoutingContext rc) {
        String path = rc.normalizedPath();
        boolean health = path.equals(HEALTH_PATH) || path.startsWith(HEALTH_PATH + "/");
        return health && (rc.request().method() == HttpMethod.GET || rc.request().method() == HttpMethod.HEAD);
    }

    /** Whether new requests are refused; for tests, which start and end a shutdown's gate by hand. */
    public boolean closed() {
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
