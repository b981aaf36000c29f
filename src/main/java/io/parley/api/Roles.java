package io.parley.api;

import java.util.Collection;
import java.util.stream.Collectors;

import io.parley.identity.Permission;
import io.parley.identity.Role;

/** Roles and permissions as the API's messages name them. */
final class Roles {

    private Roles() {
    }

    static String names(Collection<Role> roles) {
        return roles.isEmpty() ? "none" : roles.stream().sorted().map(Role::apiName).collect(Collectors.joining(", "));
    }

    static String describe(Permission p) {
        return switch (p) {
            case READ_PLANS -> "reading plans (viewer, manager, analyst, admin)";
            case WRITE_PLANS -> "changing plans and their spreadsheet links (manager, admin)";
            case ARCHIVE_PLANS -> "archiving plans (admin)";
            case ANALYSE -> "running evaluations, analyses and optimisations (analyst, admin)";
            case READ_REFERENCE -> "reading reference data (any role)";
            case ADMINISTER -> "managing API keys and reading the audit trail (admin)";
        };
    }
}
