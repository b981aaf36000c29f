package io.parley.identity;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The roles a caller holds within its tenant (issue 14): a viewer reads plans; a manager also
 * creates plans and edits those that name it (plan/PlanEditors); an analyst reads and runs analyses
 * and optimisations; an admin may do everything, including keys, the audit trail and archiving. Roles add up: a caller holding several may do what
 * any of them may.
 */
public enum Role {
    VIEWER(EnumSet.of(Permission.READ_PLANS, Permission.READ_REFERENCE)),
    MANAGER(EnumSet.of(Permission.READ_PLANS, Permission.READ_REFERENCE, Permission.WRITE_PLANS)),
    ANALYST(EnumSet.of(Permission.READ_PLANS, Permission.READ_REFERENCE, Permission.ANALYSE)),
    ADMIN(EnumSet.allOf(Permission.class));

    private final Set<Permission> grants;

    Role(Set<Permission> grants) {
        this.grants = grants;
    }

    public boolean grants(Permission permission) {
        return grants.contains(permission);
    }

    /** The role's name in the API and in tokens: lower case ({@code viewer}, {@code admin}). */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role of an API or token name, ignoring case; empty for a name that is no role. */
    public static Optional<Role> of(String name) {
        if (name == null) return Optional.empty();
        for (Role r : values()) {
            if (r.apiName().equalsIgnoreCase(name.trim())) return Optional.of(r);
        }
        return Optional.empty();
    }
}
