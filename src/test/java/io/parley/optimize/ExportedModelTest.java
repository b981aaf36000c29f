package io.parley.optimize;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.parley.optimize.Direct.rel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

/**
 * The exported MPS re-solved by another solver: GLPK's glpsol reads the file, and its optimum and
 * decisions must be ours. The writer states a maximisation as the minimisation of the negated
 * objective, so glpsol's optimum is −(our objective). Columns x&lt;k&gt; are the continuous decisions in
 * request order; g&lt;g&gt;_o&lt;c&gt; the binaries of the (compound) menu options.
 */
class ExportedModelTest {

    static final String GLPSOL = "/usr/bin/glpsol";

    @TempDir
    Path dir;

    /** What glpsol printed: its status line, objective and every column's activity. */
    record Glpk(String status, double objective, Map<String, Double> columns) {
    }

    Glpk glpsol(String mps) throws IOException, InterruptedException {
        Path exe = Path.of(GLPSOL);
        if (!Files.isExecutable(exe)) {
            fail("glpsol (GLPK) is required for this test and was not found at " + GLPSOL
                    + "; install it (apt-get install glpk-utils) — this test is never skipped");
        }
        Path model = dir.resolve("model.mps");
        Path out = dir.resolve("model.out");
        Files.writeString(model, mps, StandardCharsets.UTF_8);
        Process p = new ProcessBuilder(GLPSOL, "--freemps", model.toString(), "-o", out.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("glpsol did not finish within 60 s:\n" + log);
        }
        if (p.exitValue() != 0 || !Files.exists(out)) {
            fail("glpsol failed (exit " + p.exitValue() + ") on the exported model:\n" + log + "\n" + mps);
        }
        return parse(Files.readString(out, StandardCharsets.UTF_8));
    }

    static final Pattern STATUS = Pattern.compile("(?m)^Status:\\s+(.+?)\\s*$");
    static final Pattern OBJECTIVE = Pattern.compile("(?m)^Objective:\\s+\\S+\\s+=\\s+(\\S+)");
    static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    /**
     * Reads glpsol's printed solution (-o). The column table has lines "No. name [status|*] activity
     * bounds…"; a name longer than the column width is printed alone and its numbers on the next line.
     */
    static Glpk parse(String text) {
        Matcher s = STATUS.matcher(text);
        Matcher o = OBJECTIVE.matcher(text);
        assertThat(s.find()).as("glpsol's status line in:\n" + text).isTrue();
        assertThat(o.find()).as("glpsol's objective line in:\n" + text).isTrue();
        Map<String, Double> columns = new LinkedHashMap<>();
        String[] lines = text.split("\n");
        int i = 0;
        while (i < lines.length && !lines[i].contains("Column name")) i++;
        i += 2; // header and the dashes under it
        for (; i < lines.length && !lines[i].isBlank(); i++) {
            String[] tokens = lines[i].trim().split("\\s+");
            String name = tokens[1];
            List<String> rest = List.of(tokens).subList(2, tokens.length);
            if (rest.isEmpty()) rest = List.of(lines[++i].trim().split("\\s+"));
            Double activity = null;
            for (String t : rest) {
                if (NUMBER.matcher(t).matches()) {
                    activity = Double.parseDouble(t);
                    break;
                }
            }
            assertThat(activity).as("activity of column " + name + " in: " + lines[i]).isNotNull();
            columns.put(name, activity);
        }
        return new Glpk(s.group(1), Double.parseDouble(o.group(1)), columns);
    }

    /** glpsol prints activities to 6 significant digits. */
    static void assertPrinted(double printed, double ours, String what) {
        assertThat(printed).as(what).isCloseTo(ours, within(1e-5 * Math.max(Math.abs(ours), 1e-4)));
    }

    @Test
    void linearProgramReSolvedByGlpkGivesTheSameOptimum() throws Exception {
        DealProblem p = SensitivityTest.threeDiscounts(0.5);
        DealOptimizer.Solution ours = DealOptimizer.solve(p);
        Glpk glpk = glpsol(DealOptimizer.export(p, "CBC"));

        assertThat(glpk.status()).isEqualTo("OPTIMAL");
        assertThat(glpk.objective()).as("glpsol minimises −npv")
                .isCloseTo(-ours.objectiveModel(), rel(ours.objectiveModel(), 1e-6));
        for (int k = 0; k < 3; k++) {
            assertPrinted(glpk.columns().get("x" + k), ours.decisionValues()[k], "x" + k);
        }
    }

    @Test
    void mixedProgramWithInteractingMenuReSolvedByGlpkGivesTheSameOptimum() throws Exception {
        DealProblem p = KnownAnswersTest.mixedProblem();
        DealOptimizer.Solution ours = DealOptimizer.solve(p);
        Glpk glpk = glpsol(DealOptimizer.export(p, "CBC"));

        assertThat(glpk.status()).isEqualTo("INTEGER OPTIMAL");
        assertThat(glpk.objective()).isCloseTo(-ours.objectiveModel(), rel(ours.objectiveModel(), 1e-6));
        assertPrinted(glpk.columns().get("x0"), ours.decisionValues()[0], "x0 (app-support discount)");
        assertPrinted(glpk.columns().get("x1"), ours.decisionValues()[1], "x1 (cloud-ops discount)");
        // the payment-days menu is the only group; its binary for our chosen option is the one set
        int option = indexOf(KnownAnswersTest.MIXED_DAYS, ours.decisionValues()[2]);
        for (int c = 0; c < KnownAnswersTest.MIXED_DAYS.length; c++) {
            assertThat(glpk.columns().get("g0_o" + c)).as("g0_o" + c).isEqualTo(c == option ? 1.0 : 0.0);
        }
    }

    @Test
    void mixedProgramOfThreeInteractingMenusReSolvedByGlpkGivesTheSameOptimum() throws Exception {
        DealProblem p = KnownAnswersTest.menusProblem();
        DealOptimizer.Solution ours = DealOptimizer.solve(p);
        Glpk glpk = glpsol(DealOptimizer.export(p, "CBC"));

        assertThat(glpk.status()).isEqualTo("INTEGER OPTIMAL");
        assertThat(glpk.objective()).isCloseTo(-ours.objectiveModel(), rel(ours.objectiveModel(), 1e-6));
        // one compound menu of days × desk × years, numbered with the last member fastest
        int days = indexOf(KnownAnswersTest.DAYS_MENU, ours.decisionValues()[0]);
        int desk = (int) ours.decisionValues()[1];
        int years = indexOf(KnownAnswersTest.YEARS_MENU, ours.decisionValues()[2]);
        int chosen = (days * 2 + desk) * 3 + years;
        for (int c = 0; c < 24; c++) {
            assertThat(glpk.columns().get("g0_o" + c)).as("g0_o" + c).isEqualTo(c == chosen ? 1.0 : 0.0);
        }
    }

    /**
     * A larger MIP: twelve independent 31-option discount menus under ten yearly rules. GLPK solves the
     * export to proven optimality (no gap tolerance); its deal, decoded from the binaries and evaluated
     * directly by the engine, meets every rule and is worth exactly GLPK's optimum, so it is a fair
     * reference for ours.
     */
    @Test
    void largerMixedProgramReSolvedByGlpkGivesTheSameOptimum() throws Exception {
        DealProblem p = StatusesTest.bigMip(30);
        DealOptimizer.Solution ours = DealOptimizer.solve(p, "CBC", false);
        Glpk glpk = glpsol(DealOptimizer.export(p, "CBC"));
        assertThat(glpk.status()).isEqualTo("INTEGER OPTIMAL");

        // GLPK's deal: each menu is a group of its own, g<i>_o<c> = 1 for the chosen option c of decision i
        double[] values = new double[p.decisions().size()];
        for (int i = 0; i < values.length; i++) {
            Decision.Menu m = (Decision.Menu) p.decisions().get(i);
            int chosen = -1;
            for (int c = 0; c < m.options().length; c++) if (glpk.columns().get("g" + i + "_o" + c) > 0.5) chosen = c;
            values[i] = m.options()[chosen];
        }
        var answer = Direct.applied(p.scenario().scenario(), p.decisions(), values);
        double glpkNpv = Direct.value(answer, p.objective().form(), values);
        assertThat(glpkNpv).as("GLPK's deal evaluated directly").isCloseTo(-glpk.objective(), rel(glpkNpv, 1e-9));
        for (Constraint rule : p.constraints()) {
            double v = Direct.value(answer, rule.form(), values);
            assertThat(v).as("GLPK's deal: " + rule.name()).isGreaterThanOrEqualTo(rule.min() - 1e-8 * Math.max(1, Math.abs(v)));
        }

        assertThat(ours.status()).isEqualTo(DealOptimizer.Status.OPTIMAL);
        assertThat(ours.objectiveModel()).as("our OPTIMAL objective against GLPK's proven optimum (a deal worth %s)", glpkNpv)
                .isCloseTo(-glpk.objective(), rel(glpk.objective(), 1e-6));
    }

    static int indexOf(double[] options, double value) {
        for (int i = 0; i < options.length; i++) if (options[i] == value) return i;
        throw new AssertionError(value + " is not an option");
    }
}
