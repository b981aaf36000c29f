package io.parley.api;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /openapi.json}: the repository's openapi.yaml as JSON, the same tree; and {@code /q/openapi},
 * where the OpenAPI extension served the contract, answering the same documents as before.
 */
@QuarkusTest
class ContractJsonResourceTest {

    private static final Path REPOSITORY_FILE = Path.of("openapi.yaml");

    @Test
    void theJsonIsTheSameTreeAsTheRepositoryYaml() throws Exception {
        Response response = given().filter(Contract.CONFORMS).when().get("/openapi.json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        // read independently of the service's conversion: SnakeYAML for the file, Jackson for the answer
        Object yaml = new Yaml(new LoaderOptions()).load(Files.readString(REPOSITORY_FILE, StandardCharsets.UTF_8));
        Object json = new ObjectMapper().readValue(response.asByteArray(), Object.class);
        assertThat(json).isEqualTo(yaml);
        assertThat(((Map<?, ?>) json).get("openapi")).isEqualTo("3.0.3");
        assertThat(response.header("ETag")).isEqualTo("\"" + sha256(response.asByteArray()) + "\"");
    }

    @Test
    void aClientHoldingTheCurrentJsonIsToldItIsUnchanged() throws Exception {
        String etag = given().get("/openapi.json").header("ETag");

        Response response = given().filter(Contract.CONFORMS).header("If-None-Match", etag).when().get("/openapi.json");

        assertThat(response.statusCode()).isEqualTo(304);
        assertThat(response.header("ETag")).isEqualTo(etag);
        assertThat(response.asByteArray()).isEmpty();
    }

    @Test
    void theExtensionsOldPathAnswersTheSameDocumentsInTheFormAskedFor() throws Exception {
        byte[] file = Files.readAllBytes(REPOSITORY_FILE);
        byte[] json = given().get("/openapi.json").asByteArray();

        Response yaml = given().get("/q/openapi");
        assertThat(yaml.statusCode()).isEqualTo(200);
        assertThat(yaml.contentType()).startsWith("application/yaml");
        assertThat(yaml.asByteArray()).isEqualTo(file);
        assertThat(given().get("/q/openapi.yaml").asByteArray()).isEqualTo(file);

        for (Response asJson : new Response[] {given().get("/q/openapi?format=json"), given().get("/q/openapi.json"),
                given().header("Accept", "application/json").get("/q/openapi")}) {
            assertThat(asJson.statusCode()).isEqualTo(200);
            assertThat(asJson.contentType()).startsWith("application/json");
            assertThat(asJson.asByteArray()).isEqualTo(json);
        }
    }

    /** Worked out here, independently of the resource. */
    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
