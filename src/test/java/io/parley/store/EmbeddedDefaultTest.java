package io.parley.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.parley.plan.PlanQuery;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default profile's embedded store (H2 in MariaDB mode) starts from the same migrations and
 * takes a round trip of the widest column, so the README's run command works with no database.
 */
@QuarkusTest
@TestProfile(EmbeddedDefaultTest.Embedded.class)
class EmbeddedDefaultTest {

    /** The default profile's store, in memory here so the test leaves no file behind. */
    public static class Embedded implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.datasource.db-kind", "h2",
                    "quarkus.datasource.jdbc.driver", "org.h2.Driver",
                    "quarkus.datasource.jdbc.url", "jdbc:h2:mem:parley;MODE=MariaDB;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
                    "quarkus.datasource.username", "parley",
                    "quarkus.datasource.password", "",
                    "quarkus.flyway.clean-at-start", "false");
        }
    }

    @Inject
    AgroalDataSource store;

    @Inject
    io.parley.plan.PlanService plans;

    @Test
    void aPlanTakesARoundTripWithItsRevisionsThroughTheEmbeddedStore() {
        String first = "{\"notes\": \"" + "y".repeat(100_000) + "\"}";
        var created = plans.create(new io.parley.plan.PlanChange("Embedded Co", "ana", io.parley.plan.PlanStatus.DRAFT,
                java.time.LocalDate.of(2027, 1, 15), first, "ana", "first"));
        assertThat(created.revision()).isEqualTo(1);
        var updated = plans.update(created.id(), 1, new io.parley.plan.PlanChange("Embedded Co", "ben",
                io.parley.plan.PlanStatus.ACTIVE, null, "{}", "ben", "handover")).orElseThrow();
        assertThat(updated.revision()).isEqualTo(2);
        assertThat(plans.read(created.id()).orElseThrow().owner()).isEqualTo("ben");
        assertThat(plans.revision(created.id(), 1).orElseThrow().document()).isEqualTo(first);
        assertThat(plans.revisions(created.id())).extracting(io.parley.plan.Revision::author).containsExactly("ana", "ben");
    }

    @Test
    void namesMatchIgnoringCaseOnTheEmbeddedStoreAsOnMariaDb() {
        // H2 compares text with case, MariaDB's collation without: the filter must not depend on which
        plans.create(new io.parley.plan.PlanChange("FreshWay Retail", "Dana Reyes", io.parley.plan.PlanStatus.DRAFT,
                null, "{}", "ana", null));
        var byName = plans.list(new PlanQuery(new PlanQuery.Filter("freshway retail", "DANA REYES", null, null, null),
                PlanQuery.Sort.ACCOUNT, false, 0, 10));
        assertThat(byName.total()).isEqualTo(1);
        var bySearch = plans.list(new PlanQuery(new PlanQuery.Filter(null, null, null, null, "WAY RET"),
                PlanQuery.Sort.ACCOUNT, false, 0, 10));
        assertThat(bySearch.items()).extracting(io.parley.plan.StoredPlan::account).containsExactly("FreshWay Retail");
    }

    @Test
    void theEmbeddedStoreIsMigratedAndKeepsALargeDocument() throws Exception {
        String document = "{\"notes\": \"" + "x".repeat(200_000) + "\"}";
        try (Connection c = store.getConnection()) {
            assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("H2");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO plan (account, owner, status, version, "
                    + "document, created_at, updated_at) VALUES ('Acme', 'ana', 'draft', 0, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")) {
                insert.setString(1, document);
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }
            try (PreparedStatement read = c.prepareStatement("SELECT document FROM plan WHERE account = 'Acme'");
                 ResultSet r = read.executeQuery()) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).isEqualTo(document);
            }
        }
    }
}
