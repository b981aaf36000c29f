package io.parley.clients;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.parley.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example workbook (scenarios/packaging-retailer-renewal.fods) is the packaging example laid
 * out as =PARLEY.EVALUATE reads a sheet: opened in a real, headless LibreOffice Calc
 * (src/test/libreoffice/read_range.py, Debian's python3-uno), its named range PackagingDeal read as
 * Excel hands a range to the add-in (numbers, text, "" for empty), turned into a scenario by the
 * add-in's own reader (addin/sheet.js, under Node), it is the JSON example, field for field.
 */
class ExampleWorkbookTest {

    static final Path WORKBOOK = Fixtures.SCENARIOS.resolve("packaging-retailer-renewal.fods");
    static final String RANGE = "PackagingDeal";
    /** Starting LibreOffice on a loaded machine takes a while; this only guards against a hang. */
    static final long GIVE_UP_MINUTES = 4;

    @Test
    void theWorkbooksRangeIsTheExampleScenarioAsTheAddInReadsIt() throws Exception {
        Path work = Path.of("target", "libreoffice", "workbook").toAbsolutePath();
        deleteRecursively(work);
        Files.createDirectories(work);
        Path rows = run(work.resolve("range.json"), null, "/usr/bin/python3", "src/test/libreoffice/read_range.py",
                work.resolve("profile").toString(), WORKBOOK.toString(), RANGE);
        JsonNode range = Fixtures.json(Files.readString(rows));
        assertThat(range.has("missing")).as("the workbook names its range %s: %s", RANGE, range).isFalse();
        assertThat(range.get("range").asText()).isEqualTo("$Scenario.$A$1:$J$33");
        JsonNode first = range.get("rows").get(0);
        assertThat(first.get(0).asText()).isEqualTo("name");
        // numbers are numbers in the sheet, as Excel hands them over, not text
        assertThat(range.get("rows").get(3).get(1).isNumber()).as("horizon.years").isTrue();

        Path scenario = run(work.resolve("scenario.json"), rows, "node", "src/test/libreoffice/scenario_from_range.mjs");
        JsonNode fromSheet = Fixtures.json(Files.readString(scenario));
        JsonNode example = Fixtures.json(Fixtures.exampleText("packaging-retailer-renewal.json"));
        Comparator<JsonNode> byValue = (a, b) -> a.isNumber() && b.isNumber()
                ? Double.compare(a.doubleValue(), b.doubleValue()) : a.equals(b) ? 0 : 1;
        assertThat(fromSheet.equals(byValue, example)).as("the sheet's scenario %s is the example %s", fromSheet, example).isTrue();
    }

    /** Runs a command with {@code input} (or nothing) on stdin; its output, in {@code output}. */
    private static Path run(Path output, Path input, String... command) throws IOException, InterruptedException {
        Path log = Path.of(output + ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).redirectOutput(output.toFile()).redirectError(log.toFile());
        if (input != null) builder.redirectInput(input.toFile());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException(command[0] + " is missing: this test needs Debian's python3-uno and "
                    + "libreoffice-calc, and Node.js (scripts/test installs them)", e);
        }
        if (!process.waitFor(GIVE_UP_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in " + GIVE_UP_MINUTES + " minutes; see " + log);
        }
        assertThat(process.exitValue()).as("%s failed:\n%s", String.join(" ", command),
                Files.readString(log, StandardCharsets.UTF_8)).isZero();
        return output;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
