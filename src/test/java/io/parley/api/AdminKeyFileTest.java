package io.parley.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded default's first start: an administrator key is created in a file only its owner can
 * read, and it works, for a tenant that had no administrator.
 */
@QuarkusTest
@TestProfile(AdminKeyFileTest.FirstStart.class)
class AdminKeyFileTest {

    static final Path FILE = Path.of("target", "first-start", "admin.key");

    /** The default profile's behaviour, in the test database, for a tenant of its own; the file starts absent. */
    public static class FirstStart implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Files.deleteIfExists(FILE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // %test. keys: application.properties sets them for the test profile, which beats a plain key
            return Map.of("%test.parley.identity.create-admin-key", "true",
                    "%test.parley.identity.admin-key-file", FILE.toString(),
                    "%test.parley.identity.default-tenant", "first-start",
                    "%test.parley.identity.seed-admin-key", ""); // no seed: the tenant starts without an administrator
        }
    }

    @Test
    void theFirstStartWritesAnOwnerOnlyAdministratorKeyThatWorks() throws IOException {
        assertThat(FILE).exists();
        assertThat(Files.getPosixFilePermissions(FILE))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        String key = Files.readString(FILE).trim();
        assertThat(key).matches("pk_[A-Za-z0-9_-]{43}");
        given().header("Authorization", "Bearer " + key).get("/api/v1/keys").then().statusCode(200)
                .body("items[0].tenant", org.hamcrest.Matchers.equalTo("first-start"))
                .body("items[0].roles", org.hamcrest.Matchers.hasItem("admin"));
    }
}
