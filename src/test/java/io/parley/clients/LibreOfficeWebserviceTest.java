package io.parley.clients;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parley.Fixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's WEBSERVICE() recipe in a real LibreOffice Calc (headless, driven through UNO by
 * src/test/libreoffice/webservice_cell.py with Debian's python3-uno), once in an English and once
 * in a German locale: the cell holds the same double as the JSON answer for the same lever value,
 * to the last digit; and a figures table opened from its URL in Calc (the Text CSV filter) holds the
 * JSON figures in its cells, in the default dialect in English and in excel-eu in German. scripts/test installs libreoffice-calc and python3-uno when they are missing.
 */
@QuarkusTest
class LibreOfficeWebserviceTest {

    private static final String TRAYS = "terms.discounts[srp-trays]";
    private static final double LEVER = 0.08;

    @TestHTTPResource("/")
    URL service;

    private long plan;
    private long scenario;

    @BeforeEach
    void storeTheExampleScenario() {
        String planBody = "{\"author\": \"ana\", \"message\": \"for the sheet\", \"plan\": {\"account\": {\"name\": \"FreshWay Retail\","
                + " \"currency\": \"EUR\"}, \"owner\": \"ana\", \"relationship\": \"consultative\"}}";
        plan = given().contentType(ContentType.JSON).body(planBody).post("/api/v1/plans")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        ObjectNode body = Fixtures.MAPPER.createObjectNode().put("name", "as proposed");
        body.set("scenario", Fixtures.json(Fixtures.exampleText("packaging-retailer-renewal.json")));
        scenario = given().contentType(ContentType.JSON).body(body.toString()).post("/api/v1/plans/" + plan + "/scenarios")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "en-US, ''",
        "de-DE, locale=de-DE&",
    })
    void aWebserviceCellHoldsTheJsonFigureToTheLastDigit(String locale, String query) throws Exception {
        String prefix = service.toString() + "api/v1/plans/" + plan + "/scenarios/" + scenario
                + "/metrics/npv?" + query + "set=terms.discounts%5Bsrp-trays%5D:";

        JsonNode cell = calc(locale, prefix, Double.toString(LEVER));

        assertThat(cell.get("error").asInt()).as("Calc's error code in the cell; the cell: %s", cell).isZero();
        String written = locale.equals("de-DE") ? "0,08" : "0.08";
        assertThat(cell.get("url").asText()).as("the URL the sheet sent").isEqualTo(prefix + written);
        assertThat(cell.get("value").asDouble()).isEqualTo(jsonNpv());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "en-US | ,               | 0.04&values=0.08",
        "de-DE | ;               | 0,04&values=0,08&locale=de-DE&dialect=excel-eu",
    })
    void aFiguresTableOpensInCalcWithTheJsonFiguresInItsCells(String locale, String separator, String query) throws Exception {
        String url = service.toString() + "api/v1/plans/" + plan + "/scenarios/" + scenario
                + "/figures?metrics=npv,customerNpv&lever=terms.discounts%5Bsrp-trays%5D&values=" + query;

        JsonNode rows = calc(locale, "--table", url, separator).get("rows");

        assertThat(rows.get(0)).extracting(JsonNode::asText).containsExactly(TRAYS, "npv", "customerNpv");
        assertThat(rows).hasSize(3);
        for (int r = 1; r <= 2; r++) {
            double lever = rows.get(r).get(0).asDouble();
            assertThat(lever).isEqualTo(r == 1 ? 0.04 : 0.08);
            JsonNode summary = json(lever);
            assertThat(rows.get(r).get(1).asDouble()).isEqualTo(summary.get("npv").asDouble());
            assertThat(rows.get(r).get(2).asDouble()).isEqualTo(summary.get("customerNpv").asDouble());
        }
    }

    /** The NPV with trays at 8 %, as the JSON evaluation of the stored scenario answers it. */
    private double jsonNpv() {
        double npv = json(LEVER).get("npv").asDouble();
        assertThat(5227268.077922516 - npv).isBetween(77_042.5, 77_043.5); // the README's cost of 8 % on trays
        return npv;
    }

    /** The summary with trays at {@code discount}, as the JSON evaluation of the stored scenario answers it. */
    private JsonNode json(double discount) {
        ObjectNode body = Fixtures.MAPPER.createObjectNode();
        body.putObject("set").put(TRAYS, discount);
        return Fixtures.json(given().contentType(ContentType.JSON).body(body.toString())
                .post("/api/v1/plans/" + plan + "/scenarios/" + scenario + "/evaluate")
                .then().statusCode(200).extract().asString()).get("summary");
    }

    /** Runs webservice_cell.py in a fresh LibreOffice profile with {@code locale}; what it printed. */
    private static JsonNode calc(String locale, String... arguments) throws IOException, InterruptedException {
        Path profile = Path.of("target", "libreoffice", locale).toAbsolutePath();
        Path log = Path.of("target", "libreoffice", locale + ".log");
        Files.createDirectories(log.getParent());
        deleteRecursively(profile);
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", "src/test/libreoffice/webservice_cell.py",
                locale, profile.toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(4, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("LibreOffice did not answer within 4 minutes; see " + log);
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("webservice_cell.py failed:\n" + String.join("\n", lines)).isZero();
        return Fixtures.json(lines.get(lines.size() - 1));
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
