package io.parley.api;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.parley.TestCaller;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

import static io.parley.api.PlanScenariosApiTest.added;
import static io.parley.api.PlanScenariosApiTest.example;
import static io.parley.api.PlanScenariosApiTest.newPlan;
import static io.parley.api.PlanScenariosApiTest.scenarios;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Credentials never reach the logs: every log line written while requests carry an API key in
 * {@code Authorization}, a spreadsheet link in {@code ?link=}, or refused ones of both, is read
 * back, with the HTTP access log on (as an operator would turn it on), and none holds a secret.
 */
@QuarkusTest
@TestProfile(CredentialsNotLoggedApiTest.AccessLogOn.class)
class CredentialsNotLoggedApiTest {

    /** The access log on, as an operator may turn it on; its pattern is application.properties'. */
    public static class AccessLogOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.access-log.enabled", "true");
        }
    }

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String message = record instanceof org.jboss.logmanager.ExtLogRecord ext
                    ? ext.getFormattedMessage() : record.getMessage();
            lines.add(record.getLoggerName() + " " + message + " " + String.valueOf(record.getThrown()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void noKeyNorLinkIsWrittenToTheLog() throws InterruptedException {
        long plan = newPlan("NotLogged");
        long sid = added(plan, "as proposed", null, example(PlanScenariosApiTest.RENEWAL)).get("id").asLong();
        String metric = scenarios(plan) + "/" + sid + "/metrics/npv";
        String link = given().contentType(ContentType.JSON).body("{}").post("/api/v1/plans/" + plan + "/links")
                .then().statusCode(201).extract().path("secret");
        String unknownKey = "pk_" + "x".repeat(43);
        String unknownLink = "pl_" + "y".repeat(43);

        given().accept(ContentType.TEXT).get(metric).then().statusCode(200); // the suite's key
        given().header("Authorization", "Bearer " + unknownKey).accept(ContentType.TEXT).get(metric).then().statusCode(401);
        given().header(TestCaller.ANONYMOUS, "true").accept(ContentType.TEXT).get(metric + "?link=" + link).then().statusCode(200);
        given().header(TestCaller.ANONYMOUS, "true").accept(ContentType.TEXT).get(metric + "?link=" + unknownLink).then().statusCode(401);

        // the access log writes each request when its answer ends: wait for the four lines of the metric reads
        for (int i = 0; i < 100 && lines.stream().filter(l -> l.contains("/metrics/npv")).count() < 4; i++) {
            Thread.sleep(50);
        }
        assertThat(lines.stream().filter(l -> l.contains("/metrics/npv"))).as("the requests' own log lines").hasSize(4);
        for (String secret : List.of(TestCaller.ADMIN_KEY, unknownKey, link, unknownLink)) {
            assertThat(lines).as("log lines").noneMatch(l -> l.contains(secret));
        }
        assertThat(lines).noneMatch(l -> l.contains("pk_") || l.contains("pl_"));
    }
}
