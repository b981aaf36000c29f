package io.parley.clients;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Java client that openapi-generator makes from openapi.yaml (the Maven plugin, library
 * {@code native}, Jackson) compiles without a hand patch, and every operation of the contract,
 * called through it with the contract's own request example, answers with something the client
 * reads into its generated type. The client is built by the small Maven project under
 * src/test/generated-client (into target/generated-client), as another team would build it, and
 * EveryOperation there makes the calls against this running service.
 */
@QuarkusTest
class GeneratedJavaClientTest {

    private static final Path CLIENT = Path.of("src/test/generated-client");
    private static final Path OUT = Path.of("target/generated-client");

    @TestHTTPResource("/")
    URL service;

    @Test
    void everyOperationOfTheContractAnswersThroughTheGeneratedClient() throws Exception {
        Path classpath = OUT.resolve("classpath.txt").toAbsolutePath();
        run(OUT.resolve("build.log"), maven(), "-B", "-q", "-f", CLIENT.resolve("pom.xml").toString(),
                "compile", "dependency:build-classpath", "-Dmdep.outputFile=" + classpath);

        String cp = OUT.resolve("classes").toAbsolutePath() + java.io.File.pathSeparator + Files.readString(classpath).trim();
        String base = service.toString().replaceAll("/$", "");
        List<String> lines = run(OUT.resolve("calls.log"), Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", cp, "io.parley.generatedclient.EveryOperation", base, Path.of("openapi.yaml").toAbsolutePath().toString());

        List<String> failures = lines.stream().filter(l -> l.startsWith("FAIL ")).toList();
        assertThat(failures).as("operations the generated client could not call").isEmpty();
        List<String> answered = lines.stream().filter(l -> l.startsWith("ok ")).map(l -> l.split(" ")[1]).toList();
        assertThat(answered).as("operations called through the generated client")
                .containsExactlyInAnyOrderElementsOf(operationIds());
    }

    /** Every operationId in the contract, so that a new operation cannot be left out of EveryOperation. */
    private static List<String> operationIds() throws IOException {
        JsonNode contract = new ObjectMapper(new YAMLFactory()).readTree(Path.of("openapi.yaml").toFile());
        List<String> ids = new ArrayList<>();
        for (JsonNode path : contract.get("paths")) {
            for (Iterator<JsonNode> it = path.elements(); it.hasNext();) {
                JsonNode operation = it.next();
                if (operation.has("operationId")) ids.add(operation.get("operationId").asText());
            }
        }
        assertThat(ids).hasSizeGreaterThan(30);
        return ids;
    }

    private static String maven() {
        String home = System.getProperty("maven.home");
        return home == null || home.isBlank() ? "mvn" : Path.of(home, "bin", "mvn").toString();
    }

    /** Runs a command to its end (at most 8 minutes), its output kept in {@code log}; its lines, or a failure. */
    private static List<String> run(Path log, String... command) throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(8, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " took over 8 minutes; see " + log);
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(String.join(" ", command) + " failed:\n" + String.join("\n", lines)).isZero();
        return lines;
    }
}
