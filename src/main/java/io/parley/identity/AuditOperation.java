package io.parley.identity;

import java.util.Locale;

/** The writes the audit trail records, named in the API as {@code plan.create}, {@code key.revoke} and so on. */
public enum AuditOperation {
    PLAN_CREATE, PLAN_UPDATE, PLAN_ARCHIVE,
    SCENARIO_CREATE, SCENARIO_AGREE,
    ACTUALS_PUT, ACTUALS_DELETE,
    KEY_CREATE, KEY_REVOKE,
    LINK_CREATE, LINK_REVOKE;

    /** {@code PLAN_CREATE} → {@code plan.create}. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /** The operation of an API name; null for a name that is none (a row written by a later version). */
    public static AuditOperation of(String apiName) {
        for (AuditOperation o : values()) {
            if (o.apiName().equals(apiName)) return o;
        }
        return null;
    }
}
