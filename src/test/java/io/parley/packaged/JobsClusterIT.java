package io.parley.packaged;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The test of clustered jobs: two packaged services (the MariaDB build, target/mariadb) on one
 * MariaDB database of their own; a sweep job in 8 shards; the replica running a shard is killed
 * (SIGKILL) mid-shard, and the other runs that shard again and gives the complete answer, equal byte
 * for byte to the synchronous, unsharded sweep. Then a job survives a restart of the whole service: the
 * last replica is stopped right after a submit, a new one started, and it finishes the job.
 */
class JobsClusterIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "pk_jobs-cluster-test-administrator-key-0001";
    private static final String DATABASE = System.getenv().getOrDefault("PARLEY_TEST_DATABASE", "test") + "_jobs_cluster";
    private static final String SERVER = "jdbc:mariadb://127.0.0.1:3306/";

    /**
     * 200 × 200 = 40 000 points of a deliberately heavy deal (100 product lines, monthly, 10 years:
     * 12 000 product-periods per evaluation), so each of 8 shards computes for a while but its CSV is small.
     */
    static String sweep() throws Exception {
        ObjectNode scenario = (ObjectNode) JSON.readTree(Files.readString(Path.of("scenarios/packaging-retailer-renewal.json")));
        ObjectNode product = (ObjectNode) scenario.get("products").get(0);
        ArrayNode products = scenario.putArray("products");
        for (int i = 1; i <= 100; i++) products.add(product.deepCopy().put("id", String.format("p%03d", i)));
        scenario.putObject("horizon").put("years", 10).put("periodsPerYear", 12);
        ((ObjectNode) scenario.get("terms")).putObject("discounts").put("p001", 0.065);
        ((ObjectNode) scenario.get("baseline")).putObject("discounts").put("p001", 0.04);
        ObjectNode request = JSON.createObjectNode();
        request.set("scenario", scenario);
        ArrayNode levers = request.putArray("levers");
        levers.addObject().put("path", "terms.paymentDays").put("from", 0).put("to", 120).put("steps", 199);
        levers.addObject().put("path", "terms.discounts[p001]").put("from", 0).put("to", 0.2).put("steps", 199);
        return request.toString();
    }

    private static PackagedService replica(String id) {
        return replica(id, List.of());
    }

    private static PackagedService replica(String id, List<String> more) {
        Path jar = Path.of(System.getProperty("parley.packaged.mariadb.jar", "target/mariadb/quarkus-run.jar")).toAbsolutePath();
        List<String> options = new java.util.ArrayList<>(List.of("-Dquarkus.quartz.instance-id=" + id,
                "-Dparley.identity.create-admin-key=false", "-Dparley.identity.seed-admin-key=" + KEY));
        options.addAll(more);
        Map<String, String> environment = Map.of("QUARKUS_DATASOURCE_JDBC_URL", SERVER + DATABASE,
                "QUARKUS_DATASOURCE_USERNAME", "root", "QUARKUS_DATASOURCE_PASSWORD", "");
        return PackagedService.start(jar, Path.of("target/jobs-cluster/" + id), options, environment);
    }

    private static HttpResponse<String> post(PackagedService service, String path, String body, String accept) {
        return service.send(HttpRequest.newBuilder(service.uri(path)).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json").header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static String submit(PackagedService service, String sweep) throws Exception {
        String job = "{\"operation\":\"sweepAnalysis\",\"accept\":\"text/csv\",\"shards\":8,\"request\":" + sweep + "}";
        HttpResponse<String> submitted = post(service, "/api/v1/jobs", job, "application/json");
        assertEquals(202, submitted.statusCode(), submitted.body());
        return URI.create(submitted.headers().firstValue("Location").orElseThrow()).getPath();
    }

    private static JsonNode awaitEnd(PackagedService service, String job) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode state = JSON.readTree(service.get(job, "Authorization", "Bearer " + KEY).body());
            if (!List.of("queued", "running").contains(state.get("state").asText())) return state;
            Thread.sleep(200);
        }
        throw new AssertionError(job + " did not end within 3 minutes");
    }

    private static Connection database() throws SQLException {
        return DriverManager.getConnection(SERVER + DATABASE, "root", "");
    }

    /** Shards of {@code job} that replica {@code instance} is running now, as Quartz's fired triggers say. */
    private static int runningOn(String instance, String job) throws SQLException {
        try (Connection c = database(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM QRTZ_FIRED_TRIGGERS f JOIN job_shard j ON f.JOB_NAME = "
                     + "CONCAT(j.job_id, '/', j.shard) WHERE f.INSTANCE_NAME = '" + instance + "' AND j.state = 'running' "
                     + "AND j.job_id = '" + job.substring(job.lastIndexOf('/') + 1) + "'")) {
            r.next();
            return r.getInt(1);
        }
    }

    /** Whether send {@code send} of the job's callback waits in Quartz's store. */
    private static boolean pending(String job, int send) throws SQLException {
        try (Connection c = database(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM QRTZ_TRIGGERS WHERE TRIGGER_GROUP = 'parley-job-callbacks' "
                     + "AND TRIGGER_NAME = '" + job.substring(job.lastIndexOf('/') + 1) + "/callback/" + send + "'")) {
            r.next();
            return r.getInt(1) > 0;
        }
    }

    private static int mostAttempts(String job) throws SQLException {
        try (Connection c = database(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT MAX(attempts) FROM job_shard WHERE job_id = '" + job.substring(job.lastIndexOf('/') + 1) + "'")) {
            r.next();
            return r.getInt(1);
        }
    }

    private static void freshDatabase() throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER, "root", ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS `" + DATABASE + "`");
            s.execute("CREATE DATABASE `" + DATABASE + "`");
        }
    }

    /**
     * A callback whose receiver failed its first send is sent again by another replica after the one
     * that sent it is killed (SIGKILL) during the pause: the pending send is stored in the database,
     * not kept in the dead replica's memory.
     */
    @Test
    void aPendingCallbackSurvivesTheReplicaThatSentIt() throws Exception {
        freshDatabase();
        java.util.concurrent.BlockingQueue<String> sends = new java.util.concurrent.LinkedBlockingQueue<>();
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
        receiver.createContext("/done", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(sent.incrementAndGet() == 1 ? 503 : 204, -1); // the first send fails
            sends.add(body);
            exchange.close();
        });
        receiver.start();
        // a pause long enough to kill the replica in: the second send is due 20 s after the first
        List<String> callbacks = List.of("-Dparley.jobs.callback-secret=cluster-test-secret", "-Dparley.jobs.callback-first-pause=PT20S");
        try {
            String job;
            try (PackagedService a = replica("A", callbacks)) {
                String small = "{\"operation\":\"sweepAnalysis\",\"accept\":\"text/csv\",\"callbackUrl\":\"http://127.0.0.1:"
                        + receiver.getAddress().getPort() + "/done\",\"request\":{\"scenario\":"
                        + Files.readString(Path.of("scenarios/packaging-retailer-renewal.json"))
                        + ",\"levers\":[{\"path\":\"terms.paymentDays\",\"from\":0,\"to\":120,\"steps\":4}]}}";
                HttpResponse<String> submitted = post(a, "/api/v1/jobs", small, "application/json");
                assertEquals(202, submitted.statusCode(), submitted.body());
                job = URI.create(submitted.headers().firstValue("Location").orElseThrow()).getPath();
                String first = sends.poll(2, java.util.concurrent.TimeUnit.MINUTES);
                assertTrue(first != null, "the first send came");
                long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
                while (!pending(job, 2) && System.nanoTime() < deadline) Thread.sleep(20);
                assertTrue(pending(job, 2), "the second send is queued in the database");
                a.kill();
            }
            try (PackagedService b = replica("B", callbacks)) {
                String second = sends.poll(2, java.util.concurrent.TimeUnit.MINUTES);
                assertTrue(second != null, "the second send came, from the replica started after the first was killed");
                assertEquals("succeeded", JSON.readTree(second).get("state").asText());
                assertEquals(job, JSON.readTree(second).get("job").asText());
            }
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void aShardedSweepSurvivesAKilledReplicaAndAWholeRestart() throws Exception {
        freshDatabase();
        String sweep = sweep();
        try (PackagedService a = replica("A"); PackagedService b = replica("B")) {
            HttpResponse<String> whole = post(b, "/api/v1/analyses/sweep", sweep, "text/csv");
            assertEquals(200, whole.statusCode(), whole.body());
            assertEquals(40_001, whole.body().lines().count(), "a header and 40 000 rows");

            String job = submit(a, sweep);
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (runningOn("A", job) == 0 && System.nanoTime() < deadline) Thread.sleep(20);
            assertTrue(runningOn("A", job) > 0, "replica A took a shard");
            a.kill();

            JsonNode done = awaitEnd(b, job);
            assertEquals("succeeded", done.get("state").asText(), done.toString());
            assertTrue(mostAttempts(job) >= 2, "the shard A was running when it died ran again on B");
            HttpResponse<String> joined = b.get(job + "/result", "Authorization", "Bearer " + KEY, "Accept", "text/csv");
            assertEquals(200, joined.statusCode());
            assertEquals(whole.body(), joined.body(), "the joined shards are the unsharded sweep, byte for byte");

            // the whole service is stopped (SIGTERM, as a restart does) while the job's shards run; a replica started
            // later finishes the job (a shard the stop ended is queued again: Jobs.recoverLostShards)
            String survivor = submit(b, sweep);
            deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (runningOn("B", survivor) == 0 && System.nanoTime() < deadline) Thread.sleep(20);
            b.close();
            try (PackagedService c = replica("C")) {
                JsonNode after = awaitEnd(c, survivor);
                assertEquals("succeeded", after.get("state").asText(), after.toString());
                assertEquals(whole.body(), c.get(survivor + "/result", "Authorization", "Bearer " + KEY, "Accept", "text/csv").body());
            }
        }
    }
}
