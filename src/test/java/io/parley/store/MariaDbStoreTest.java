package io.parley.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The suite's store is the real MariaDB, migrated by Flyway alone (Hibernate only validates it). */
@QuarkusTest
class MariaDbStoreTest {

    @Inject
    AgroalDataSource store;

    @Test
    void theSuiteRunsAgainstMariaDbMigratedToTheLatestVersion() throws Exception {
        try (Connection c = store.getConnection(); Statement s = c.createStatement()) {
            assertThat(c.getMetaData().getDatabaseProductVersion()).containsIgnoringCase("mariadb");
            try (ResultSet r = s.executeQuery("SELECT MAX(version) FROM flyway_schema_history WHERE success = 1")) {
                r.next();
                assertThat(r.getString(1)).isEqualTo("9"); // V9: jobs and their clustered queue
            }
            try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM plan")) {
                r.next();
                assertThat(r.getLong(1)).isNotNegative();
            }
        }
    }
}
