package io.parley.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import io.parley.model.InvalidInputException;
import org.junit.jupiter.api.Test;

/** A link that could never be used is refused when asked for, not handed out to fail in every cell. */
class SpreadsheetLinksTest {

    private static final Instant NOW = Instant.parse("2026-12-03T15:00:00Z");
    private static final Caller MANAGER = new Caller("u1", "Ana", "acme", EnumSet.of(Role.MANAGER), Optional.empty());
    private final List<Optional<Instant>> created = new ArrayList<>();
    private final SpreadsheetLinks links = new SpreadsheetLinks(new LinkRepository() {
        @Override
        public Optional<SpreadsheetLink> byHash(String secretHash) {
            return Optional.empty();
        }

        @Override
        public SpreadsheetLink create(String hash, String tenant, LinkScope scope, Optional<Instant> expiresAt,
                                      String createdBy, Instant at) {
            created.add(expiresAt);
            return new SpreadsheetLink(created.size(), tenant, scope, at, createdBy, expiresAt, Optional.empty());
        }

        @Override
        public List<SpreadsheetLink> ofPlan(String tenant, long planId) {
            return List.of();
        }

        @Override
        public Optional<SpreadsheetLink> revoke(String tenant, long planId, long id, Instant at) {
            return Optional.empty();
        }
    }, AuditTrailTest.inMemory(new ArrayList<>(), MANAGER), Clock.fixed(NOW, ZoneOffset.UTC));
    private final Caller manager = MANAGER;
    private final LinkScope plan = new LinkScope(7, OptionalLong.empty());

    @Test
    void anExpiryInThePastOrNowIsRefusedNamingTheField() {
        for (Instant at : List.of(NOW.minusSeconds(1), NOW)) {
            InvalidInputException refused = assertThrows(InvalidInputException.class,
                    () -> links.create(manager, plan, Optional.of(at)));
            assertEquals("/expiresAt", refused.violations().get(0).pointer());
        }
        assertTrue(created.isEmpty(), "nothing stored for a refused link");
    }

    @Test
    void aFutureExpiryOrNoneIsStored() {
        links.create(manager, plan, Optional.of(NOW.plusSeconds(60)));
        links.create(manager, plan, Optional.empty());
        assertEquals(List.of(Optional.of(NOW.plusSeconds(60)), Optional.empty()), created);
    }
}
