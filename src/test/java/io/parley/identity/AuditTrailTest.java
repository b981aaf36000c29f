package io.parley.identity;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The trail records who, when, what and from where, and reads back newest first, a page at a time. */
class AuditTrailTest {

    private static final Instant NOW = Instant.parse("2026-12-03T15:00:00.123456789Z");

    /** An audit trail over a list, written by {@code caller}: ids from 1 in the order entries are appended, as the store's are. */
    static AuditTrail inMemory(List<AuditEntry> kept, Caller caller) {
        CurrentCaller current = new CurrentCaller();
        current.set(caller);
        return inMemory(kept, current);
    }

    static AuditTrail inMemory(List<AuditEntry> kept, CurrentCaller current) {
        AuditRepository repository = new AuditRepository() {
            @Override
            public AuditEntry append(AuditEntry e) {
                AuditEntry stored = new AuditEntry(kept.size() + 1, e.tenant(), e.at(), e.subject(), e.name(), e.operation(),
                        e.target(), e.revision(), e.clientAddress());
                kept.add(stored);
                return stored;
            }

            @Override
            public List<AuditEntry> newestFirst(String tenant, Optional<Instant> since, OptionalLong before, int limit) {
                return kept.stream().filter(e -> e.tenant().equals(tenant))
                        .filter(e -> since.map(s -> !e.at().isBefore(s)).orElse(true))
                        .filter(e -> before.isEmpty() || e.id() < before.getAsLong())
                        .sorted(Comparator.comparingLong(AuditEntry::id).reversed()).limit(limit).toList();
            }
        };
        return new AuditTrail(repository, current, null, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private final List<AuditEntry> kept = new ArrayList<>();
    private final CurrentCaller current = new CurrentCaller();
    private final AuditTrail trail = inMemory(kept, current);
    private final Caller dana = new Caller("key:4", "Dana Reyes", "acme", EnumSet.of(Role.MANAGER), Optional.empty());

    @Test
    void anEntryNamesTheCallerTheWriteAndTheAddressItCameFrom() {
        current.set(dana);
        current.setClientAddress("192.0.2.7");
        trail.record(AuditOperation.PLAN_UPDATE, "plans/12", OptionalInt.of(3));
        assertThat(kept).containsExactly(new AuditEntry(1, "acme", Instant.parse("2026-12-03T15:00:00.123456Z"), "key:4",
                "Dana Reyes", "plan.update", "plans/12", OptionalInt.of(3), Optional.of("192.0.2.7")));
    }

    @Test
    void operationsAreNamedAsTheApiWritesThem() {
        assertThat(AuditOperation.SCENARIO_AGREE.apiName()).isEqualTo("scenario.agree");
        assertThat(AuditOperation.of("link.revoke")).isEqualTo(AuditOperation.LINK_REVOKE);
        assertThat(AuditOperation.of("plan.delete")).isNull();
    }

    @Test
    void pagesRunNewestFirstAndTheLastSaysThereIsNoMore() {
        current.set(dana);
        for (int i = 1; i <= 5; i++) trail.record(AuditOperation.PLAN_CREATE, "plans/" + i, OptionalInt.of(1));
        AuditTrail.Page first = trail.read(dana, Optional.empty(), OptionalLong.empty(), 2);
        assertThat(first.entries()).extracting(AuditEntry::target).containsExactly("plans/5", "plans/4");
        assertThat(first.nextBefore()).hasValue(4);
        AuditTrail.Page second = trail.read(dana, Optional.empty(), first.nextBefore(), 2);
        assertThat(second.entries()).extracting(AuditEntry::target).containsExactly("plans/3", "plans/2");
        AuditTrail.Page last = trail.read(dana, Optional.empty(), second.nextBefore(), 2);
        assertThat(last.entries()).extracting(AuditEntry::target).containsExactly("plans/1");
        assertThat(last.nextBefore()).isEmpty();
        // exactly a page left: no next page either
        assertThat(trail.read(dana, Optional.empty(), OptionalLong.of(3), 2).nextBefore()).isEmpty();
    }

    @Test
    void aReaderSeesItsOwnTenantOnly() {
        current.set(dana);
        trail.record(AuditOperation.KEY_CREATE, "keys/1", OptionalInt.empty());
        Caller other = new Caller("key:9", "Olga", "other", EnumSet.of(Role.ADMIN), Optional.empty());
        assertThat(trail.read(other, Optional.empty(), OptionalLong.empty(), 10).entries()).isEmpty();
        assertThat(trail.read(dana, Optional.of(NOW.plusSeconds(1)), OptionalLong.empty(), 10).entries()).isEmpty();
        assertThat(trail.read(dana, Optional.of(NOW.minusSeconds(1)), OptionalLong.empty(), 10).entries()).hasSize(1);
    }

    @Test
    void aPageHoldsOneToAThousandEntries() {
        assertThatThrownBy(() -> trail.read(dana, Optional.empty(), OptionalLong.empty(), 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> trail.read(dana, Optional.empty(), OptionalLong.empty(), AuditTrail.MAX_PAGE + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
