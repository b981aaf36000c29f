package io.parley.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

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
            // versions are text in Flyway's history: compared as numbers, or "9" would outrank "10"
            List<Integer> applied = new ArrayList<>();
            try (ResultSet r = s.executeQuery("SELECT version FROM flyway_schema_history WHERE success = 1 AND version IS NOT NULL")) {
                while (r.next()) applied.add(Integer.parseInt(r.getString(1)));
            }
            assertThat(applied).contains(latestMigration());
            try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM plan")) {
                r.next();
                assertThat(r.getLong(1)).isNotNegative();
            }
        }
    }

    /** The highest version among the project's migrations, V1__… to Vn__…, read from the sources. */
    private static int latestMigration() throws IOException {
        Pattern name = Pattern.compile("V(\\d+)__.*\\.sql");
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            return files.map(f -> name.matcher(f.getFileName().toString()))
                    .filter(Matcher::matches)
                    .mapToInt(m -> Integer.parseInt(m.group(1)))
                    .max().orElseThrow();
        }
    }
}
