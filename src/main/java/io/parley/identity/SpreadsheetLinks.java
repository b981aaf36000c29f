package io.parley.identity;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.parley.model.InvalidInputException;

/**
 * Spreadsheet links: {@code pl_} and 256 random bits, stored as their SHA-256 like API keys. A link
 * is looked up on every request, so a revoked one is refused from the next request on. Creating and
 * revoking are recorded in the audit trail in the same transaction; the token never is.
 */
@ApplicationScoped
public class SpreadsheetLinks {

    public static final String PREFIX = "pl_";
    private static final Pattern WELL_FORMED = Pattern.compile("pl_[A-Za-z0-9_-]{16,128}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new link and its token, which is shown this once. */
    public record Issued(SpreadsheetLink link, String secret) {
    }

    private final LinkRepository links;
    private final AuditTrail audit;
    private final Clock clock;

    @Inject
    public SpreadsheetLinks(LinkRepository links, AuditTrail audit) {
        this(links, audit, Clock.systemUTC());
    }

    SpreadsheetLinks(LinkRepository links, AuditTrail audit, Clock clock) {
        this.links = links;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * A link of the creator's tenant; the caller has checked that the plan (and scenario) exists there.
     *
     * @throws InvalidInputException when {@code expiresAt} is not in the future: such a link could never be used,
     *         and a cell that fails from the start sends its owner looking for the wrong mistake
     */
    @Transactional
    public Issued create(Caller creator, LinkScope scope, Optional<Instant> expiresAt) {
        Instant now = clock.instant();
        Expiry.notInFuture(expiresAt, now).ifPresent(broken -> {
            throw new InvalidInputException(List.of(broken));
        });
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        SpreadsheetLink link = links.create(ApiKeySecret.hash(secret), creator.tenant(), scope, expiresAt,
                creator.name(), now);
        audit.record(AuditOperation.LINK_CREATE, target(link), OptionalInt.empty());
        return new Issued(link, secret);
    }

    @Transactional
    public Optional<SpreadsheetLink> revoke(Caller caller, long planId, long id) {
        Optional<SpreadsheetLink> revoked = links.revoke(caller.tenant(), planId, id, clock.instant());
        revoked.ifPresent(l -> audit.record(AuditOperation.LINK_REVOKE, target(l), OptionalInt.empty()));
        return revoked;
    }

    /** The tenant's links of one plan, oldest first, revoked and expired ones included. */
    public List<SpreadsheetLink> list(Caller caller, long planId) {
        return links.ofPlan(caller.tenant(), planId);
    }

    private static String target(SpreadsheetLink link) {
        return "plans/" + link.scope().planId() + "/links/" + link.id();
    }

    /**
     * The link a token stands for, usable now.
     *
     * @throws InvalidCredentialsException when the token is not a known, live link
     */
    public SpreadsheetLink authenticate(String token) {
        Instant now = clock.instant();
        return (token != null && WELL_FORMED.matcher(token).matches()
                ? links.byHash(ApiKeySecret.hash(token)).filter(l -> l.usableAt(now))
                : Optional.<SpreadsheetLink>empty())
                .orElseThrow(() -> new InvalidCredentialsException("the spreadsheet link is not known, or revoked, or expired"));
    }
}
