package io.parley.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness DOWN from the moment the service is told to stop (SIGTERM, {@link ShutdownGate}), so that the
 * load balancer stops sending requests that would only be refused; liveness has no such check and stays
 * UP through the drain, so the pod is not restarted while it finishes its requests.
 */
@Readiness
@ApplicationScoped
public class DrainReadiness implements HealthCheck {

    static final String NAME = "accepting requests";

    @Inject
    ShutdownGate gate;

    @Override
    public HealthCheckResponse call() {
        return gate.closed()
                ? HealthCheckResponse.named(NAME).down().withData("reason", "shutting down: finishing requests in flight").build()
                : HealthCheckResponse.named(NAME).up().build();
    }
}
