package io.parley.identity;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An authenticated caller.
 *
 * @param subject who it is, unique within its issuer: {@code key:<id>} for an API key, the token's
 *                {@code sub} for a person, {@code link:<id>} for a spreadsheet link
 * @param name    the name revisions and the audit trail record: the key's name, the person's user name
 * @param tenant  the organisation it belongs to; it sees that tenant's data only
 * @param roles   what it may do within its tenant
 * @param scope   for a spreadsheet link, the one plan (and scenario) it may read; empty otherwise
 */
public record Caller(String subject, String name, String tenant, Set<Role> roles, Optional<LinkScope> scope) {

    /** What a tenant name may be: it goes into every stored row, so short and plain. */
    public static final Pattern TENANT = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public Caller {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(name, "name");
        if (tenant == null || !TENANT.matcher(tenant).matches()) {
            throw new IllegalArgumentException("tenant '" + tenant + "' must be 1–64 letters, digits, '.', '_' or '-'");
        }
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        Objects.requireNonNull(scope, "scope");
    }

    public static Caller of(String subject, String name, String tenant, Set<Role> roles) {
        return new Caller(subject, name, tenant, roles, Optional.empty());
    }

    /** Whether any of the caller's roles grants {@code permission}. */
    public boolean may(Permission permission) {
        return roles.stream().anyMatch(r -> r.grants(permission));
    }

    /** Keys of one caller's idempotency records and quota budget: unique across tenants. */
    public String key() {
        return tenant + "/" + subject;
    }
}
