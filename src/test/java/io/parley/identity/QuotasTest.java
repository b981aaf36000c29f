package io.parley.identity;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Whose budget a charge is taken from, and how large it is. */
class QuotasTest {

    private static final long T0 = 5_000;

    private final Quotas quotas = new Quotas(1_000, Map.of(Role.ANALYST, 3_000L, Role.VIEWER, 200L));

    private static Caller caller(String subject, String tenant, Role... roles) {
        return Caller.of(subject, subject, tenant, Set.of(roles));
    }

    @Test
    void aCallerGetsTheLargestBudgetOfItsRolesElseTheDefault() {
        assertThat(quotas.budgetOf(caller("key:1", "acme", Role.VIEWER))).isEqualTo(200);
        assertThat(quotas.budgetOf(caller("key:2", "acme", Role.VIEWER, Role.ANALYST))).isEqualTo(3_000);
        assertThat(quotas.budgetOf(caller("key:3", "acme", Role.MANAGER))).isEqualTo(1_000);
        assertThat(quotas.budgetOf(caller("key:4", "acme", Role.MANAGER, Role.VIEWER))).isEqualTo(200);
    }

    @Test
    void eachCallerSpendsABudgetOfItsOwn() {
        Caller first = caller("key:1", "acme", Role.ADMIN);
        assertThat(quotas.charge(first, 1_000, T0).admitted()).isTrue();
        assertThat(quotas.charge(first, 1, T0).admitted()).isFalse();
        assertThat(quotas.charge(caller("key:2", "acme", Role.ADMIN), 1_000, T0).admitted()).isTrue();
        // the same subject in another tenant is another caller
        assertThat(quotas.charge(caller("key:1", "globex", Role.ADMIN), 1_000, T0).admitted()).isTrue();
    }

    @Test
    void aRefundGivesBackWhatACallerWasCharged() {
        Caller analyst = caller("sub-1", "acme", Role.ANALYST);
        assertThat(quotas.charge(analyst, 3_000, T0).remaining()).isZero();
        quotas.refund(analyst, 3_000, T0);
        assertThat(quotas.charge(analyst, 3_000, T0).admitted()).isTrue();
    }

    @Test
    void aRequestOverTheCallersWholeBudgetIsLargerThanBudgetNotOverIt() {
        Caller viewer = caller("link:9", "acme", Role.VIEWER);
        WorkBudget.Decision d = quotas.charge(viewer, 201, T0);
        assertThat(d.outcome()).isEqualTo(WorkBudget.Outcome.LARGER_THAN_BUDGET);
        assertThat(d.capacity()).isEqualTo(200);
    }

    @Test
    void fullBudgetsAreForgottenOnceManyCallersAreHeld() {
        for (int i = 0; i <= Quotas.FORGET_FULL_PAST; i++) {
            quotas.charge(caller("key:" + i, "acme", Role.ADMIN), 10, T0);
        }
        assertThat(quotas.held()).isEqualTo(Quotas.FORGET_FULL_PAST + 1);
        // a minute later every one of them is full again, so they are forgotten before the next is held
        quotas.charge(caller("key:new", "acme", Role.ADMIN), 10, T0 + Quotas.WINDOW_MILLIS);
        assertThat(quotas.held()).isEqualTo(1);
    }

    @Test
    void budgetsBelowOneUnitAreRefused() {
        assertThatThrownBy(() -> new Quotas(0, Map.of())).hasMessageContaining("default budget");
        assertThatThrownBy(() -> new Quotas(10, Map.of(Role.VIEWER, 0L))).hasMessageContaining("'viewer'");
    }
}
