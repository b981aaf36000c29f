package io.parley.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.parley.plan.PlanChange;
import io.parley.plan.PlanService;
import io.parley.plan.PlanStatus;
import io.parley.plan.StoreUnavailableException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A plan lookup that the database failed is not a missing plan. Hibernate's {@code find} swallows a
 * JDBC error in a transaction already marked for rollback (HHH90010102) and answers null: what a
 * connection that died between the pool's check and its enlistment leaves. Every change of a plan
 * locks it through {@link PlanStore#forUpdate}, so each of them answers 503 there, never 404.
 */
@QuarkusTest
class LostLookupTest {

    @Inject
    PlanStore store;

    @Inject
    PlanService plans;

    @Inject
    EntityManager entities;

    @Inject
    AgroalDataSource dataSource;

    long existingPlan() {
        String account = "Lost-" + UUID.randomUUID();
        return plans.create(new PlanChange(account, "ana", PlanStatus.DRAFT, null, "{}", "ana", null)).id();
    }

    /** The real failure: the transaction's connection is killed, the transaction marked, then the plan looked up. */
    @Test
    void aPlanLookedUpOnADeadConnectionIsUnavailableNotAbsent() {
        long id = existingPlan();
        QuarkusTransaction.begin();
        try {
            long connection = ((Number) entities.createNativeQuery("SELECT CONNECTION_ID()").getSingleResult()).longValue();
            QuarkusTransaction.requiringNew().run(() -> kill(connection));
            QuarkusTransaction.setRollbackOnly();
            assertThatThrownBy(() -> store.lockPlan(id)).isInstanceOf(StoreUnavailableException.class);
        } finally {
            QuarkusTransaction.rollback();
        }
        assertThat(plans.read(id)).isPresent();
    }

    @Test
    void aTransactionMarkedForRollbackNeverReportsAbsence() {
        QuarkusTransaction.begin();
        try {
            entities.createNativeQuery("SELECT 1").getSingleResult(); // the session joins the transaction
            QuarkusTransaction.setRollbackOnly();
            assertThatThrownBy(() -> store.lockPlan(Long.MAX_VALUE - 7)).isInstanceOf(StoreUnavailableException.class);
        } finally {
            QuarkusTransaction.rollback();
        }
    }

    @Test
    void aHealthyTransactionReportsAMissingPlanAsAbsent() {
        assertThat(QuarkusTransaction.requiringNew().call(() -> store.lockPlan(Long.MAX_VALUE - 7))).isEmpty();
        assertThat(plans.update(Long.MAX_VALUE - 7, 1,
                new PlanChange("None", "ana", PlanStatus.DRAFT, null, "{}", "ana", null))).isEmpty();
    }

    private void kill(long connection) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("KILL " + connection);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
