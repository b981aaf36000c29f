package io.parley.packaged;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.Fixtures;

/**
 * The Indexed Job path of k8s/jobs/sweep-shards.yaml as the cluster runs it: the packaged jar started
 * once per completion in batch mode ({@code sweep-shard}) with only {@code JOB_COMPLETION_INDEX} telling
 * it which shard it is, each writing its file; the files, joined in name order with the header kept
 * once, are the unsharded sweep byte for byte.
 */
class IndexedJobShardsIT {

    private static final int SHARDS = 3;

    @Test
    void completionsRunTheirShardsAndTheJoinedFilesAreTheWholeSweep() throws Exception {
        Path folder = Path.of("target", "it-indexed-job").toAbsolutePath();
        deleteRecursively(folder);
        Files.createDirectories(folder);
        ObjectNode sweep = Fixtures.MAPPER.createObjectNode();
        sweep.set("scenario", Fixtures.json(Fixtures.exampleText("packaging-retailer-renewal.json")));
        sweep.putArray("metrics").add("npv").add("customerNpv");
        ArrayNode levers = sweep.putArray("levers");
        levers.addObject().put("path", "terms.discounts[srp-trays]").put("from", 0.0).put("to", 0.1).put("steps", 40);
        levers.addObject().put("path", "terms.paymentDays").put("from", 30).put("to", 90).put("steps", 6);
        Path request = Files.writeString(folder.resolve("sweep.json"), sweep.toString());

        String whole;
        String key;
        try (PackagedService service = PackagedService.start(folder, List.of(), Map.of())) {
            key = Files.readString(folder.resolve("data").resolve("admin.key"), StandardCharsets.UTF_8).trim();
            HttpResponse<String> answer = service.send(HttpRequest.newBuilder(service.uri("/api/v1/analyses/sweep"))
                    .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json").header("Accept", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofString(sweep.toString())).build());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            whole = answer.body();
        }
        assertThat(whole.lines().count()).as("a header and 41 × 7 rows").isEqualTo(1 + 41 * 7);

        Path results = folder.resolve("results");
        for (int index = 0; index < SHARDS; index++) {
            ProcessBuilder completion = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    PackagedService.VECTOR_API, "-Dquarkus.http.port=" + freePort(), "-jar", PackagedService.jar().toString(), "sweep-shard",
                    "--request", request.toString(), "--output-dir", results.toString(), "--shards", Integer.toString(SHARDS))
                    .directory(folder.toFile()).redirectErrorStream(true)
                    .redirectOutput(folder.resolve("completion-" + index + ".log").toFile());
            completion.environment().put("JOB_COMPLETION_INDEX", Integer.toString(index));
            completion.environment().put("PARLEY_IDENTITY_SWEEP_SHARD_API_KEY", key);
            Process process = completion.start();
            assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("completion %d ended", index).isTrue();
            assertThat(process.exitValue()).as("completion %d's exit code; its log: %s", index,
                    Files.readString(folder.resolve("completion-" + index + ".log"))).isZero();
        }

        List<Path> files;
        try (Stream<Path> listed = Files.list(results)) {
            files = listed.sorted().toList();
        }
        assertThat(files).extracting(p -> p.getFileName().toString())
                .containsExactly("sweep-1-of-3.csv", "sweep-2-of-3.csv", "sweep-3-of-3.csv");
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < files.size(); i++) {
            List<String> lines = new ArrayList<>(Files.readString(files.get(i), StandardCharsets.UTF_8).lines().toList());
            if (i > 0) lines.remove(0); // the header, kept once
            for (String line : lines) joined.append(line).append(whole.contains("\r\n") ? "\r\n" : "\n");
        }
        assertThat(joined.toString()).isEqualTo(whole);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) return;
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(path);
        }
    }
}
