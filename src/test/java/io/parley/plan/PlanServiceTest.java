package io.parley.plan;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.parley.store.PlanStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The plan service against the real store: what a conflict reports, read from the database. */
@QuarkusTest
class PlanServiceTest {

    @Inject
    PlanService plans;

    @Inject
    PlanStore store;

    /** A minimal plan of an account no other test uses, owned by {@code owner}. */
    static PlanChange minimalPlan(String account, String owner) {
        String document = "{\"account\":{\"name\":\"" + account + "\"},\"owner\":\"" + owner
                + "\",\"relationship\":\"transactional\",\"status\":\"draft\"}";
        return new PlanChange(account, owner, PlanStatus.DRAFT, null, document, owner, null);
    }

    /** A plan at revision 3: created, then changed twice. */
    long planAtRevisionThree(String account) {
        long id = plans.create(minimalPlan(account, "Dana Reyes")).id();
        plans.update(id, 1, minimalPlan(account, "Lars Berg")).orElseThrow();
        plans.update(id, 2, minimalPlan(account, "Ann Lee")).orElseThrow();
        return id;
    }

    @Test
    void theCommittedRevisionIsTheLatestOneWritten() {
        long id = planAtRevisionThree("Committed-" + UUID.randomUUID());
        assertThat(plans.committedRevision(id)).hasValue(3);
        assertThat(plans.committedRevision(Long.MAX_VALUE - 11)).isEmpty();
    }

    /** As in a late conflict: asked from inside a transaction that holds the plan's row lock and is doomed. */
    @Test
    void theCommittedRevisionIsReadOutsideADoomedTransactionThatHoldsTheLock() {
        long id = planAtRevisionThree("Doomed-" + UUID.randomUUID());
        QuarkusTransaction.begin();
        try {
            store.forUpdate(id).orElseThrow();
            QuarkusTransaction.setRollbackOnly();
            assertThat(plans.committedRevision(id)).hasValue(3);
        } finally {
            QuarkusTransaction.rollback();
        }
    }

    /**
     * A conflict the early revision check cannot see: the plan was loaded (at revision 1) before two
     * other updates committed, so the update's own read agrees with the If-Match it was given, and
     * only the database knows better. The conflict names revision 3, the one that won, not a guess.
     */
    @Test
    void aLateConflictReportsTheRevisionThatWonNotAGuess() {
        String account = "LateConflict-" + UUID.randomUUID();
        long id = plans.create(minimalPlan(account, "Dana Reyes")).id();
        StaleRevisionException conflict;
        QuarkusTransaction.begin();
        try {
            assertThat(store.byId(id).orElseThrow().version).isZero(); // revision 1, now in this transaction
            QuarkusTransaction.requiringNew().run(() -> plans.update(id, 1, minimalPlan(account, "Lars Berg")));
            QuarkusTransaction.requiringNew().run(() -> plans.update(id, 2, minimalPlan(account, "Ann Lee")));
            conflict = catchThrowableOfType(StaleRevisionException.class,
                    () -> plans.update(id, 1, minimalPlan(account, "Sam Okafor")));
        } finally {
            QuarkusTransaction.rollback();
        }
        assertThat(conflict).isNotNull();
        assertThat(conflict.conflict().expected()).isEqualTo(1);
        assertThat(conflict.conflict().current()).isEqualTo(3);
        StoredPlan now = plans.read(id).orElseThrow();
        assertThat(now.revision()).isEqualTo(3);
        assertThat(now.owner()).isEqualTo("Ann Lee");
    }
}
