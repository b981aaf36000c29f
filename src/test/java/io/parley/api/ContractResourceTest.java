package io.parley.api;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /openapi.yaml}: the repository file byte for byte, revalidated by its ETag. */
@QuarkusTest
class ContractResourceTest {

    private static final Path REPOSITORY_FILE = Path.of("openapi.yaml");

    @Test
    void theServedContractIsTheRepositoryFileByteForByte() throws Exception {
        byte[] file = Files.readAllBytes(REPOSITORY_FILE);

        Response response = given().filter(Contract.CONFORMS).when().get("/openapi.yaml");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/yaml");
        assertThat(response.asByteArray()).isEqualTo(file);
        assertThat(response.header("ETag")).isEqualTo("\"" + sha256(file) + "\"");
    }

    @Test
    void aClientHoldingTheCurrentCopyIsToldItIsUnchanged() throws Exception {
        String etag = "\"" + sha256(Files.readAllBytes(REPOSITORY_FILE)) + "\"";

        Response response = given().filter(Contract.CONFORMS).header("If-None-Match", "\"stale\", " + etag)
                .when().get("/openapi.yaml");

        assertThat(response.statusCode()).isEqualTo(304);
        assertThat(response.header("ETag")).isEqualTo(etag);
        assertThat(response.asByteArray()).isEmpty();
    }

    @Test
    void aClientHoldingAnOlderCopyGetsTheWholeContract() throws Exception {
        Response response = given().filter(Contract.CONFORMS).header("If-None-Match", "\"" + "0".repeat(64) + "\"")
                .when().get("/openapi.yaml");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.asByteArray()).isEqualTo(Files.readAllBytes(REPOSITORY_FILE));
    }

    /** Worked out here, independently of the resource, from the file on disk. */
    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
