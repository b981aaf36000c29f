package io.parley.store;

import java.sql.Connection;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

import io.agroal.api.AgroalDataSource;
import io.smallrye.health.api.Wellness;

/**
 * Whether the plan store answers, for monitoring ({@code /q/health}, {@code /q/health/well}). A
 * wellness check, not readiness: the engine, the analyses and the optimiser need no database, and
 * plan calls answer 503 with Retry-After while the store is away, so an outage of the store must
 * not take every replica out of its load balancer (Quarkus' own datasource readiness check is off).
 */
@Wellness
@ApplicationScoped
public class PlanStoreHealth implements HealthCheck {

    /** Seconds a ping may take: as long as the pool's validation of a borrowed connection. */
    private static final int PING_SECONDS = 2;

    private final AgroalDataSource dataSource;

    public PlanStoreHealth(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public HealthCheckResponse call() {
        try (Connection c = dataSource.getConnection()) {
            return HealthCheckResponse.named("plan store").status(c.isValid(PING_SECONDS)).build();
        } catch (SQLException e) {
            return HealthCheckResponse.named("plan store").down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
