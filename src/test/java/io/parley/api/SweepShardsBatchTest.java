package io.parley.api;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.parley.ops.SweepShard;
import io.parley.ops.SweepShards;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The batch mode an Indexed Job runs (ParleyMain's {@code sweep-shard}), in process: each shard
 * written to its own file, and the files, concatenated in name order with the header kept once,
 * are the unsharded sweep row for row, byte for byte.
 */
@QuarkusTest
class SweepShardsBatchTest {

    static final int SHARDS = 3;

    @Inject
    SweepShards sweepShards;

    @TestHTTPResource("/")
    URI service;

    @TempDir
    Path directory;

    static List<String> files(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void theShardsFilesConcatenateToTheWholeSweepRowForRow() throws IOException, InterruptedException {
        Path request = Files.writeString(directory.resolve("sweep.json"), SweepApiTest.grid().toString());
        Path results = directory.resolve("results");
        for (int k = 1; k <= SHARDS; k++) {
            assertThat(sweepShards.run(new SweepShard(request, results, k, SHARDS, SweepShard.Format.CSV), service))
                    .isEqualTo(SweepShards.DONE);
        }
        assertThat(files(results)).containsExactly("sweep-1-of-3.csv", "sweep-2-of-3.csv", "sweep-3-of-3.csv");

        List<String> whole = given().contentType(ContentType.JSON).accept("text/csv").body(SweepApiTest.grid().toString())
                .when().post("/api/v1/analyses/sweep").then().statusCode(200).extract().asString().lines().toList();
        List<String> concatenated = new ArrayList<>();
        for (String file : files(results)) {
            List<String> lines = Files.readAllLines(results.resolve(file));
            assertThat(lines.get(0)).isEqualTo(whole.get(0));
            if (concatenated.isEmpty()) concatenated.add(lines.get(0));
            concatenated.addAll(lines.subList(1, lines.size()));
        }
        // the 5 × 7 grid: 35 rows under the header
        assertThat(whole).hasSize(36);
        assertThat(concatenated).isEqualTo(whole);
    }

    @Test
    void aWrongRequestIsRefusedForGoodAndLeavesNoFile() throws IOException, InterruptedException {
        Path request = Files.writeString(directory.resolve("sweep.json"), "{\"levers\": []}");
        Path results = directory.resolve("results");
        assertThat(sweepShards.run(new SweepShard(request, results, 1, 2, SweepShard.Format.NDJSON), service))
                .isEqualTo(SweepShards.REFUSED);
        assertThat(files(results)).isEmpty();
    }
}
