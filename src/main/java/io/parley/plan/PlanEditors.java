package io.parley.plan;

import java.util.Locale;
import java.util.Optional;

import io.parley.identity.Caller;
import io.parley.identity.Role;

/**
 * Who may change a stored plan (issue 14: "{@code manager} creates plans and edits those whose account
 * team names them; {@code admin} … archives anything"). An administrator may change any plan of its
 * tenant. A manager may change a plan when the plan names it:
 * <ul>
 *   <li>a team member whose {@code user} is the caller's name (an API key's name, the identity
 *       provider's name claim) or the caller's subject (the token's {@code sub}); or</li>
 *   <li>a team member without {@code user}, or the plan's {@code owner}, whose {@code name} is the caller's name.</li>
 * </ul>
 * Names are compared trimmed and ignoring case ({@code Dana Reyes} is {@code dana reyes}); a subject
 * exactly, as the identity provider issues it. Creating a plan needs no team: a new plan names no one yet.
 */
public final class PlanEditors {

    private PlanEditors() {
    }

    /** Why {@code caller} may not change {@code plan}; empty when it may. */
    public static Optional<String> refusal(Caller caller, AccountPlan plan) {
        if (caller.roles().contains(Role.ADMIN) || names(plan, caller)) return Optional.empty();
        return Optional.of("'" + caller.name() + "' is neither the owner of this plan nor on its account team; a manager "
                + "changes only the plans whose owner or team names them (a team member's 'user', else its 'name', "
                + "is the caller's name), an administrator any plan");
    }

    /** Whether the plan's owner or one of its team members is the caller. */
    static boolean names(AccountPlan plan, Caller caller) {
        if (same(plan.owner(), caller.name())) return true;
        for (AccountPlan.TeamMember member : plan.team()) {
            boolean is = member.user() != null
                    ? same(member.user(), caller.name()) || member.user().trim().equals(caller.subject())
                    : same(member.name(), caller.name());
            if (is) return true;
        }
        return false;
    }

    private static boolean same(String a, String b) {
        return a != null && b != null && !a.isBlank()
                && a.trim().toLowerCase(Locale.ROOT).equals(b.trim().toLowerCase(Locale.ROOT));
    }
}
