package io.parley.packaged;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.parley.TestCaller;

/**
 * The README's two commands, as a newcomer runs them: the packaged jar started in an empty folder
 * keeps its data under ./data, creates an administrator key readable by its owner only, says where it
 * is, serves nothing under /api/ anonymously and everything with that key; a second start keeps the key.
 */
class EmbeddedDefaultIT {

    @Test
    void firstStartCreatesAnOwnerOnlyAdministratorKeyThatOpensTheApiAndNothingElseDoes() throws IOException {
        Path folder = Path.of("target", "it-embedded-default").toAbsolutePath();
        deleteRecursively(folder);
        Path keyFile = folder.resolve("data").resolve("admin.key");
        String key;
        try (PackagedService service = PackagedService.start(folder, List.of(), Map.of())) {
            assertThat(keyFile).exists();
            assertThat(Files.getPosixFilePermissions(keyFile))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            key = Files.readString(keyFile, StandardCharsets.UTF_8).trim();
            assertThat(key).startsWith("pk_");
            assertThat(service.output()).contains(keyFile.toString()).doesNotContain(key);

            HttpResponse<String> anonymous = service.get("/api/v1/plans");
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(service.get("/api/v1/plans", "Authorization", "Bearer pk_not-a-key").statusCode()).isEqualTo(401);
            assertThat(service.get("/api/v1/plans", "Authorization", "Bearer " + TestCaller.ADMIN_KEY).statusCode())
                    .as("the test suite's seed key is a test-profile setting, never a packaged one").isEqualTo(401);
            assertThat(service.get("/api/v1/plans", "Authorization", "Bearer " + key).statusCode()).isEqualTo(200);

            assertThat(service.get("/workbench/").statusCode()).isEqualTo(200);
            assertThat(service.get("/q/openapi").statusCode()).isEqualTo(200);
            assertThat(service.get("/openapi.json").statusCode()).isEqualTo(200);
            assertThat(service.get("/q/health/live").statusCode()).isEqualTo(200);
        }
        try (PackagedService again = PackagedService.start(folder, List.of(), Map.of())) {
            assertThat(Files.readString(keyFile, StandardCharsets.UTF_8).trim()).as("a restart keeps the key").isEqualTo(key);
            assertThat(again.get("/api/v1/plans", "Authorization", "Bearer " + key).statusCode()).isEqualTo(200);
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) return;
        try (var paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(path);
        }
    }
}
