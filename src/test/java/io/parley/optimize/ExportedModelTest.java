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
 * The exported MPS re-solved by other solvers: GLPK's glpsol and COIN-OR's cbc read the file as it
 * is, and their optimum and decisions must be ours. The writer states a maximisation as the minimisation of the negated
 * objective, so glpsol's optimum is −(our objective). Columns x&lt;k&gt; are the continuous decisions in
 * request order; g&lt;g&gt;_o&lt;c&gt; the binaries of the (compound) menu options.
 */
class ExportedModelTest {

    static final String GLPSOL = "/usr/bin/glpsol";
    static final String CBC = "/usr/bin/cbc";

    @TempDir
    Path dir;

    /** What another solver printed: its status line, objective and every column's activity. */
    record Glpk(String status, double objective, Map<String, Double> columns) {
    }

    Glpk glpsol(String mps) throws IOException, InterruptedException {
        Path model = dir.resolve("model.mps");
        Path out = dir.resolve("model.out");
        Files.writeString(model, mps, StandardCharsets.UTF_8);
        run(mps, out, GLPSOL, "glpk-utils", "--freemps", model.toString(), "-o", out.toString());
        return parse(Files.readString(out, StandardCharsets.UTF_8));
    }

    /** cbc reads the file as it is (no option naming the format), solves it and prints every row and column. */
    Glpk cbc(String mps) throws IOException, InterruptedException {
        Path model = dir.resolve("model.mps");
        Path out = dir.resolve("model.sol");
        Files.writeString(model, mps, StandardCharsets.UTF_8);
        run(mps, out, CBC, "coinor-cbc", model.toString(), "-solve", "-printingOptions", "all", "-solution", out.toString());
        return parseCbc(Files.readString(out, StandardCharsets.UTF_8));
    }

    /** Runs a solver that must write {@code out}; fails loudly when it is missing, crashes or hangs. */
    private static void run(String mps, Path out, String exe, String debianPackage, String... arguments)
            throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(exe))) {
            fail(exe + " is required for this test and was not found; install it (apt-get install "
                    + debianPackage + ") — this test is never skipped");
        }
        List<String> command = new java.util.ArrayList<>(List.of(exe));
        command.addAll(List.of(arguments));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(exe + " did not finish within 60 s:\n" + log);
        }
        if (p.exitValue() != 0 || !Files.exists(out)) {
            fail(exe + " failed (exit " + p.exitValue() + ") on the exported model:\n" + log + "\n" + mps);
        }
    }

    static final Pattern CBC_STATUS = Pattern.compile("^(.+?) - objective value (\\S+)");

    /**
     * Reads cbc's solution file: "Optimal - objective value v", then one line "index name activity
     * reduced-cost" per row and then per column. Rows and columns of an export never share a name.
     */
    static Glpk parseCbc(String text) {
        String[] lines = text.split("\n");
        Matcher head = CBC_STATUS.matcher(lines[0].trim());
        assertThat(head.find()).as("cbc's status line in:\n" + text).isTrue();
        Map<String, Double> columns = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String[] tokens = lines[i].trim().split("\\s+");
            if (tokens.length < 3) continue;
            // an infeasible row or column is marked "**" before its index
            int at = tokens[0].equals("**") ? 1 : 0;
            columns.put(tokens[at + 1], Double.parseDouble(tokens[at + 2]));
        }
        return new Glpk(head.group(1), Double.parseDouble(head.group(2)), columns);
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
        linearProgramGivesTheSameOptimum(p, glpsol(DealOptimizer.export(p, "CBC")), "OPTIMAL");
    }

    /** cbc 2.10.8 crashed reading LP exports (a segfault in its MPS reader) before the NAME card said FREE. */
    @Test
    void linearProgramReSolvedByCbcGivesTheSameOptimum() throws Exception {
        DealProblem p = SensitivityTest.threeDiscounts(0.5);
        linearProgramGivesTheSameOptimum(p, cbc(DealOptimizer.export(p, "CBC")), "Optimal");
    }

    private static void linearProgramGivesTheSameOptimum(DealProblem p, Glpk glpk, String optimal) {
        DealOptimizer.Solution ours = DealOptimizer.solve(p);

        assertThat(glpk.status()).isEqualTo(optimal);
        assertThat(glpk.objective()).as("glpsol minimises −npv")
                .isCloseTo(-ours.objectiveModel(), rel(ours.objectiveModel(), 1e-6));
        for (int k = 0; k < 3; k++) {
            assertPrinted(glpk.columns().get("x" + k), ours.decisionValues()[k], "x" + k);
        }
    }

    /**
     * A margin floor's price per point of the ratio (issue 11) by GLPK: the exported models with the
     * floor a hundredth of a point above and below, each solved by glpsol, give the slope of the optimum
     * in the floor, which is our shadow price per 1.0 of the margin (glpsol prints the objective to ten
     * digits; the slope's curvature over ±0.0001 is far below the tolerance).
     */
    @Test
    void aMarginFloorsPricePerPointIsTheSlopeOfGlpksOptimaAroundTheFloor() throws Exception {
        double c = SensitivityTest.yearOneMargin(0.1);
        DealOptimizer.ShadowPrice price = DealOptimizer.solve(SensitivityTest.flatUnderMarginFloor(c)).sensitivity()
                .constraints().get(0);
        double h = 1e-4;
        Glpk above = glpsol(DealOptimizer.export(SensitivityTest.flatUnderMarginFloor(c + h), "CBC"));
        Glpk below = glpsol(DealOptimizer.export(SensitivityTest.flatUnderMarginFloor(c - h), "CBC"));
        assertThat(above.status()).isEqualTo("OPTIMAL");
        assertThat(below.status()).isEqualTo("OPTIMAL");
        // glpsol minimises −customerNpv
        double slope = (-above.objective() + below.objective()) / (2 * h);
        assertThat(slope).as("GLPK's slope per 1.0 of the floor").isCloseTo(price.shadowPrice(), rel(price.shadowPrice(), 1e-5));
        assertThat(100 * price.shadowPricePerPoint()).isCloseTo(slope, rel(slope, 1e-5));
    }

    @Test
    void mixedProgramWithInteractingMenuReSolvedByGlpkGivesTheSameOptimum() throws Exception {
        DealProblem p = KnownAnswersTest.mixedProblem();
        mixedProgramWithInteractingMenuGivesTheSameOptimum(p, glpsol(DealOptimizer.export(p, "CBC")), "INTEGER OPTIMAL");
    }

    @Test
    void mixedProgramWithInteractingMenuReSolvedByCbcGivesTheSameOptimum() throws Exception {
        DealProblem p = KnownAnswersTest.mixedProblem();
        mixedProgramWithInteractingMenuGivesTheSameOptimum(p, cbc(DealOptimizer.export(p, "CBC")), "Optimal");
    }

    private static void mixedProgramWithInteractingMenuGivesTheSameOptimum(DealProblem p, Glpk glpk, String optimal) {
        DealOptimizer.Solution ours = DealOptimizer.solve(p);

        assertThat(glpk.status()).isEqualTo(optimal);
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
        threeInteractingMenusGiveTheSameOptimum(p, glpsol(DealOptimizer.export(p, "CBC")), "INTEGER OPTIMAL");
    }

    @Test
    void mixedProgramOfThreeInteractingMenusReSolvedByCbcGivesTheSameOptimum() throws Exception {
        DealProblem p = KnownAnswersTest.menusProblem();
        threeInteractingMenusGiveTheSameOptimum(p, cbc(DealOptimizer.export(p, "CBC")), "Optimal");
    }

    private static void threeInteractingMenusGiveTheSameOptimum(DealProblem p, Glpk glpk, String optimal) {
        DealOptimizer.Solution ours = DealOptimizer.solve(p);

        assertThat(glpk.status()).isEqualTo(optimal);
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
        largerMixedProgramGivesTheSameOptimum(p, glpsol(DealOptimizer.export(p, "CBC")), "INTEGER OPTIMAL");
    }

    @Test
    void largerMixedProgramReSolvedByCbcGivesTheSameOptimum() throws Exception {
        DealProblem p = StatusesTest.bigMip(30);
        largerMixedProgramGivesTheSameOptimum(p, cbc(DealOptimizer.export(p, "CBC")), "Optimal");
    }

    private static void largerMixedProgramGivesTheSameOptimum(DealProblem p, Glpk glpk, String optimal) {
        DealOptimizer.Solution ours = DealOptimizer.solve(p, "CBC", false);
        assertThat(glpk.status()).isEqualTo(optimal);

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
