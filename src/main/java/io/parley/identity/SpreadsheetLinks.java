package io.parley.identity;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.parley.model.InvalidInputException;

/**
 * Spreadsheet links: {@code pl_} and 256 random bits, stored as their SHA-256 like API keys. A link
 * is looked up on every request, so a revoked one is refused from the next request on.
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
    private final Clock clock;

    @Inject
    public SpreadsheetLinks(LinkRepository links) {
        this(links, Clock.systemUTC());
    }

    SpreadsheetLinks(LinkRepository links, Clock clock) {
        this.links = links;
        this.clock = clock;
    }

    /**
     * A link of the creator's tenant; the caller has checked that the plan (and scenario) exists there.
     *
     * @throws InvalidInputException when {@code expiresAt} is not in the future: such a link could never be used,
     *         and a cell that fails from the start sends its owner looking for the wrong mistake
     */
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
        return new Issued(link, secret);
    }

    public Optional<SpreadsheetLink> revoke(Caller caller, long planId, long id) {
        return links.revoke(caller.tenant(), planId, id, clock.instant());
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
