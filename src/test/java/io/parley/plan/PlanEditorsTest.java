package io.parley.plan;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.parley.identity.Caller;
import io.parley.identity.Role;

import static org.assertj.core.api.Assertions.assertThat;

/** A manager changes the plans whose owner or account team names it; an administrator any plan. */
class PlanEditorsTest {

    private static AccountPlan plan(String owner, AccountPlan.TeamMember... team) {
        return new AccountPlan(new AccountPlan.Account("Acme", null, null, List.of(), null, null, null), owner,
                "enterprise", List.of(team), List.of(), null, List.of(), List.of(), List.of(), List.of(), null, null,
                PlanStatus.DRAFT);
    }

    private static Caller manager(String subject, String name) {
        return new Caller(subject, name, "acme", EnumSet.of(Role.MANAGER), Optional.empty());
    }

    private static final AccountPlan teamWithUsers = plan("Dana Reyes",
            new AccountPlan.TeamMember("Max Muster", "sales engineer", "mmuster"),
            new AccountPlan.TeamMember("Lea Lang", "service lead", null));

    @Test
    void theOwnerByNameIgnoringCaseAndSpaces() {
        assertThat(PlanEditors.refusal(manager("u1", " dana reyes "), teamWithUsers)).isEmpty();
    }

    @Test
    void aTeamMemberByUserNameOrBySubject() {
        assertThat(PlanEditors.refusal(manager("u2", "MMuster"), teamWithUsers)).isEmpty();
        assertThat(PlanEditors.refusal(manager("mmuster", "Max"), teamWithUsers)).isEmpty();
    }

    @Test
    void aMemberWithAUserIsNotMatchedByDisplayName() {
        // 'user' says how the member signs in; anyone else called Max Muster is someone else
        assertThat(PlanEditors.refusal(manager("u3", "Max Muster"), teamWithUsers)).isPresent();
    }

    @Test
    void aMemberWithoutAUserByName() {
        assertThat(PlanEditors.refusal(manager("u4", "lea lang"), teamWithUsers)).isEmpty();
    }

    @Test
    void aManagerTheTeamDoesNotNameIsRefusedWithTheRule() {
        Optional<String> refused = PlanEditors.refusal(manager("u5", "Olaf"), teamWithUsers);
        assertThat(refused).hasValueSatisfying(why -> assertThat(why).contains("'Olaf'").contains("account team")
                .contains("an administrator any plan"));
        // a subject is matched exactly, not ignoring case: identity providers issue them case-sensitive
        assertThat(PlanEditors.refusal(manager("MMUSTER", "Olaf"), teamWithUsers)).isPresent();
    }

    @Test
    void anAdministratorChangesAnyPlan() {
        Caller admin = new Caller("u6", "Root", "acme", EnumSet.of(Role.ADMIN), Optional.empty());
        assertThat(PlanEditors.refusal(admin, teamWithUsers)).isEmpty();
        assertThat(PlanEditors.refusal(admin, plan("Nobody"))).isEmpty();
    }

    @Test
    void otherRolesBesideManagerChangeNothing() {
        // roles add up, but only administration lifts the team rule
        Caller both = new Caller("u7", "Olaf", "acme", EnumSet.of(Role.MANAGER, Role.ANALYST), Optional.empty());
        assertThat(PlanEditors.refusal(both, teamWithUsers)).isPresent();
    }
}
