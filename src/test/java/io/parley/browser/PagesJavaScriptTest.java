package io.parley.browser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The pages' pure modules (chart options, analysis requests, the editor's schema walk, sign-in, the
 * custom functions' batching) have unit tests of their own in src/test/js, run by Node's built-in
 * test runner ({@code node --test}: no npm, no packages). This runs them in the suite: a failing JS
 * test fails the build, and a machine without Node fails loudly (scripts/test installs Debian's nodejs).
 */
class PagesJavaScriptTest {

    static final Path TESTS = Path.of("src", "test", "js");
    /** Guards against a hung runner only; the JS tests take seconds. */
    static final long GIVE_UP_MINUTES = 10;
    static final Pattern COUNT = Pattern.compile("^# (tests|pass|fail) (\\d+)$", Pattern.MULTILINE);

    @Test
    void everyJavaScriptUnitTestPasses() throws Exception {
        Path log = Files.createTempFile("parley-node-test", ".tap");
        Process node;
        try {
            node = new ProcessBuilder(List.of("node", "--test", "--test-reporter=tap", TESTS.toString()))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("node is missing: the pages' JS unit tests need Node.js 20 or later "
                    + "(scripts/test installs it: apt-get install -y nodejs)", e);
        }
        if (!node.waitFor(GIVE_UP_MINUTES, TimeUnit.MINUTES)) {
            node.destroyForcibly();
            fail("node --test did not finish in " + GIVE_UP_MINUTES + " minutes:\n" + Files.readString(log));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        assertThat(node.exitValue()).as("node --test %s exit status; its report:\n%s", TESTS, output).isZero();
        Matcher counts = COUNT.matcher(output);
        int tests = -1;
        int failed = -1;
        while (counts.find()) {
            int n = Integer.parseInt(counts.group(2));
            if (counts.group(1).equals("tests")) tests = n;
            if (counts.group(1).equals("fail")) failed = n;
        }
        assertThat(failed).as("failed JS tests; the report:\n%s", output).isZero();
        // one file per pure module: figures, charts, schema, api, sign-in, functions
        assertThat(tests).as("JS tests run; the report:\n%s", output).isGreaterThanOrEqualTo(30);
    }
}
