package io.parley.identity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where spreadsheet links are kept (store/PlanLinkStore); each call joins the caller's transaction, or runs in one of its own. */
public interface LinkRepository {

    /** The link whose token has this SHA-256 hash, whatever its state. */
    Optional<SpreadsheetLink> byHash(String secretHash);

    SpreadsheetLink create(String secretHash, String tenant, LinkScope scope, Optional<Instant> expiresAt,
                           String createdBy, Instant at);

    /** The tenant's links of plan {@code planId}, oldest first, whatever their state. */
    List<SpreadsheetLink> ofPlan(String tenant, long planId);

    /** Revokes the tenant's link {@code id} of plan {@code planId}; empty when there is none. Twice keeps the first time. */
    Optional<SpreadsheetLink> revoke(String tenant, long planId, long id, Instant at);
}
