package io.parley.optimize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import io.parley.engine.Evaluator;
import io.parley.engine.Heap;
import io.parley.engine.Report;
import io.parley.model.Numbers;

/**
 * An exact linear description of how the figures an optimisation uses respond to its decisions,
 * built from the engine itself and checked against it.
 *
 * <p>Each figure is measured at a base point (every continuous decision at its minimum, every menu at
 * its first option) and with each decision moved. Continuous decisions enter linearly with the
 * measured slope. Menus enter through binary choices with the measured effect of each option. Where
 * the engine shows that decisions interact (60 payment days make every point of discount cost more
 * in financing), the menus involved are merged into one compound menu, and the slope of each
 * continuous decision they affect is measured per compound option: a disjunctive formulation that
 * stays exact. The finished model is compared with the engine at random points; a model that does not
 * reproduce the engine there is refused with the decisions to blame, never solved as an approximation.
 */
public final class AffineModel {

    /** Relative agreement required between the model and the engine: far below any figure a deal is read to. */
    public static final double RELATIVE_TOLERANCE = 1e-8;
    /**
     * Agreement the verification requires between the model and the engine before the model is solved:
     * 1e-6 of each figure's size. Spreading a year's incremental rebate over its months at the year's
     * effective rate curves the figures by about 1e-8 relative as a decision shifts the months' mix,
     * with no tier crossed; that is linear to far better than a deal is read to (a cent in ten thousand
     * euros), and every answer reports the engine's figures beside the model's. A tier reached or lost,
     * or a lever that compounds, misses by orders of magnitude more and is still refused.
     */
    public static final double ACCEPTED_DEVIATION = 1e-6;
    /** Largest compound menu built from interacting menus (its options are enumerated through the engine). */
    public static final int MAX_COMPOUND_OPTIONS = 4096;
    /** Random points at which the model is checked against the engine. */
    static final int VERIFICATION_POINTS = 48;

    final DealProblem problem;
    final List<Quantity> quantities;
    final int[] continuous;          // decision indices of continuous decisions
    final double[] lower;            // per continuous decision
    final double[] range;
    final double[] base;             // quantities at the base point
    final double[] scale;            // per quantity: magnitude for tolerances
    final double[][] slope;          // [continuous][quantity], for continuous decisions in no group
    final int[] groupOf;             // per continuous decision: group index or −1
    final List<Group> groups = new ArrayList<>();
    private final Evaluator evaluator;
    private final double[] parameters;
    private int evaluations;
    /** When building must end; none for a model built without a time limit. */
    private Deadline deadline = Deadline.NONE;
    private boolean building;
    /** The best deal among the points measured while building that meets every rule (the engine's figures). */
    private Evaluated bestEvaluated;

    /** A deal evaluated by the engine that meets every rule: its continuous values, menu choices and objective. */
    record Evaluated(double[] x, int[] choice, double objective) {
    }

    /** Building ran out of the time allowed; {@link #bestEvaluated} says what the evaluations so far found. */
    static final class OutOfTime extends RuntimeException {
        final transient AffineModel partial;

        OutOfTime(AffineModel partial) {
            super("the time limit ran out while the model was being measured", null, false, false);
            this.partial = partial;
        }
    }

    /** Interacting menus and the continuous decisions whose slope they change. */
    static final class Group {
        final int[] members;             // decision indices of the menus
        final int[][] options;           // [compound option][member] → option index
        final int[] attached;            // continuous decision positions (index into AffineModel.continuous)
        final int[] radix;               // options per member
        double[][] effect;               // [compound option][quantity]: change from the base point
        double[][][] slope;              // [compound option][attached][quantity]

        Group(int[] members, int[][] options, int[] attached, int[] radix) {
            this.members = members;
            this.options = options;
            this.attached = attached;
            this.radix = radix;
        }
    }

    /** The decisions behave in a way no linear model reproduces; the message names them and says what to do. */
    public static final class NotLinearException extends RuntimeException {
        private final int decision;

        public NotLinearException(String message) {
            this(message, -1);
        }

        public NotLinearException(String message, int decision) {
            super(message);
            this.decision = decision;
        }

        /** The index of the first decision to blame, or −1 when it is the decisions together. */
        public int decision() {
            return decision;
        }
    }

    private AffineModel(DealProblem problem, Deadline deadline) {
        this.problem = problem;
        this.deadline = deadline;
        this.building = true;
        Set<Quantity> used = new LinkedHashSet<>(problem.objective().form().quantities().keySet());
        problem.constraints().forEach(c -> used.addAll(c.form().quantities().keySet()));
        this.quantities = List.copyOf(used);
        this.evaluator = problem.scenario().newEvaluator();
        this.parameters = problem.scenario().parameters();
        List<Decision> decisions = problem.decisions();
        this.continuous = IntStream.range(0, decisions.size())
                .filter(i -> decisions.get(i) instanceof Decision.Continuous).toArray();
        this.lower = new double[continuous.length];
        this.range = new double[continuous.length];
        for (int k = 0; k < continuous.length; k++) {
            Decision.Continuous c = (Decision.Continuous) decisions.get(continuous[k]);
            lower[k] = c.min();
            range[k] = c.max() - c.min();
        }
        this.groupOf = new int[continuous.length];
        Arrays.fill(groupOf, -1);
        this.base = measure(new double[continuous.length], new int[decisions.size()]);
        this.scale = new double[quantities.size()];
        for (int q = 0; q < scale.length; q++) scale[q] = Math.max(1, Math.abs(base[q]));
        this.slope = new double[continuous.length][];
    }

    /**
     * The most building a model (measuring and verifying it) and solving it once can cost, known from
     * the decisions alone, before anything is evaluated: what admission charges and the ceiling bounds.
     *
     * @param evaluations engine evaluations at most
     * @param bytes       heap the measurements hold at most
     */
    public record Estimate(long evaluations, long bytes) {
    }

    /**
     * The estimate for {@code problem}, with C continuous decisions, M menus of o_j options, Q figures
     * read by the objective and the rules, and T compound options. Evaluations: the base point 1; the
     * slopes there 2C; each option o_j, and for each but a menu's first every slope again 2C; each pair
     * of menus (o_j − 1)(o_l − 1) to find whether they interact; each compound option 1 + its attached
     * slopes (a continuous decision is attached to one group, so at most G × C in all, G the largest
     * group); the verification {@link #VERIFICATION_POINTS} and, when it fails, its diagnosis
     * C + C(C − 1)/2; one solve's read-back 1 + 4C + Σ o_j (the answer and its limits). A group of two
     * or more menus holds at most {@link #MAX_COMPOUND_OPTIONS} options and there are at most ⌊M/2⌋
     * such groups, so T ≤ Σ o_j + ⌊M/2⌋ × G. Bytes: Q figures per menu option, per compound option
     * (with its choice of M options) and per attached slope.
     */
    public static Estimate estimate(DealProblem problem) {
        Set<Quantity> used = new LinkedHashSet<>(problem.objective().form().quantities().keySet());
        problem.constraints().forEach(c -> used.addAll(c.form().quantities().keySet()));
        long figures = used.size();
        long c = 0;
        long menus = 0;
        long options = 0;
        long largest = 0;
        long product = 1;
        long pairs = 0;
        for (Decision d : problem.decisions()) {
            if (d instanceof Decision.Menu m) {
                long o = m.options().length;
                pairs = Heap.plus(pairs, Heap.times(o - 1, options - menus)); // (o − 1) × Σ earlier (o_l − 1)
                menus++;
                options += o;
                largest = Math.max(largest, o);
                product = Math.min(Heap.times(product, o), MAX_COMPOUND_OPTIONS + 1L);
            } else {
                c++;
            }
        }
        long group = menus >= 2 ? Math.max(largest, Math.min(product, MAX_COMPOUND_OPTIONS)) : largest;
        long compound = options + (menus / 2) * group;
        long evaluations = 1 + 2 * c;
        evaluations = Heap.plus(evaluations, Heap.plus(options, Heap.times(options - menus, 2 * c)));
        evaluations = Heap.plus(evaluations, pairs);
        evaluations = Heap.plus(evaluations, Heap.plus(compound, Heap.times(group, c)));
        evaluations = Heap.plus(evaluations, VERIFICATION_POINTS + c + c * (c - 1) / 2);
        evaluations = Heap.plus(evaluations, 1 + 4 * c + options);
        long row = Heap.doubles(figures);
        long bytes = Heap.times(options + compound + Heap.times(group, c) + c, row);
        bytes = Heap.plus(bytes, Heap.times(compound, Heap.ints(menus)));
        return new Estimate(evaluations, bytes);
    }

    /** Builds and verifies the model. */
    public static AffineModel build(DealProblem problem) {
        return build(problem, Deadline.NONE);
    }

    /**
     * Builds and verifies the model by {@code deadline}: the time limit covers
     * measuring too (two 1000-option menus are a million evaluations).
     *
     * @throws OutOfTime when the deadline passes first, carrying the best deal evaluated so far
     */
    static AffineModel build(DealProblem problem, Deadline deadline) {
        AffineModel m = new AffineModel(problem, deadline);
        m.measureSlopesAndGroups();
        m.verify();
        m.building = false;
        return m;
    }

    /** The best deal that meets every rule among the points the engine evaluated while building, if any. */
    Optional<Evaluated> bestEvaluated() {
        return Optional.ofNullable(bestEvaluated);
    }

    /**
     * The same measurements for another problem over the same decisions whose objective and rules use
     * only quantities this model measured: the frontier re-solves with moved bounds this way.
     */
    public AffineModel reuse(DealProblem other) {
        if (!other.decisions().equals(problem.decisions())) {
            throw new IllegalArgumentException("a model is reused only for the same decisions");
        }
        AffineModel copy = new AffineModel(this, other);
        Set<Quantity> needed = new LinkedHashSet<>(other.objective().form().quantities().keySet());
        other.constraints().forEach(c -> needed.addAll(c.form().quantities().keySet()));
        if (!quantities.containsAll(needed)) {
            throw new IllegalArgumentException("the other problem uses figures this model did not measure");
        }
        return copy;
    }

    private AffineModel(AffineModel measured, DealProblem other) {
        this.problem = other;
        this.quantities = measured.quantities;
        this.continuous = measured.continuous;
        this.lower = measured.lower;
        this.range = measured.range;
        this.base = measured.base;
        this.scale = measured.scale;
        this.slope = measured.slope;
        this.groupOf = measured.groupOf;
        this.groups.addAll(measured.groups);
        this.evaluator = other.scenario().newEvaluator();
        this.parameters = other.scenario().parameters();
        this.evaluations = 0;
    }

    public int evaluations() {
        return evaluations;
    }

    /** Quantities by the engine for continuous offsets {@code dx} from the lower bounds and menu choices {@code choice}. */
    double[] measure(double[] dx, int[] choice) {
        System.arraycopy(problem.scenario().parameters(), 0, parameters, 0, parameters.length);
        List<Decision> decisions = problem.decisions();
        int k = 0;
        for (int i = 0; i < decisions.size(); i++) {
            Decision d = decisions.get(i);
            if (d instanceof Decision.Continuous c) {
                parameters[c.lever().slot()] = c.min() + dx[k++];
            } else {
                ((Decision.Menu) d).apply(parameters, choice[i]);
            }
        }
        if (building && deadline.reached()) {
            building = false;   // what remains is re-evaluating an answer, which the clock must not stop
            throw new OutOfTime(this);
        }
        evaluations++;
        Report report = evaluator.report(parameters);
        double[] values = new double[quantities.size()];
        for (int q = 0; q < values.length; q++) values[q] = quantities.get(q).read(report);
        if (building) remember(dx, choice, values);
        return values;
    }

    /** Keeps the point if it meets every rule and beats the best so far: the answer if time runs out. */
    private void remember(double[] dx, int[] choice, double[] values) {
        double[] x = new double[dx.length];
        for (int k = 0; k < x.length; k++) x[k] = lower[k] + dx[k];
        double[] decisionValues = DealOptimizer.decisionValues(problem, x, choice);
        for (Constraint c : problem.constraints()) {
            if (!DealOptimizer.meets(c, this, values, decisionValues)) return;
        }
        double objective = DealOptimizer.evaluate(problem.objective().form(), this, values, decisionValues);
        boolean better = bestEvaluated == null
                || (problem.objective().maximize() ? objective > bestEvaluated.objective() : objective < bestEvaluated.objective());
        if (better) bestEvaluated = new Evaluated(x, choice.clone(), objective);
    }

    private boolean differs(double[] a, double[] b) {
        return deviation(a, b) > RELATIVE_TOLERANCE;
    }

    /** The largest difference between two sets of figures, each relative to its figure's size. */
    private double deviation(double[] a, double[] b) {
        double worst = 0;
        for (int q = 0; q < a.length; q++) {
            double size = Math.max(scale[q], Math.max(Math.abs(a[q]), Math.abs(b[q])));
            double d = Math.abs(a[q] - b[q]) / size;
            worst = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(worst, d);
        }
        return worst;
    }

    private void measureSlopesAndGroups() {
        List<Decision> decisions = problem.decisions();
        int n = decisions.size();
        int[] none = new int[n];
        double[] atBase = new double[continuous.length];
        // slopes at the base point
        double[][] baseSlope = new double[continuous.length][];
        for (int k = 0; k < continuous.length; k++) {
            baseSlope[k] = slopeAt(k, atBase, none);
        }
        List<Integer> menus = new ArrayList<>();
        for (int i = 0; i < n; i++) if (decisions.get(i) instanceof Decision.Menu) menus.add(i);

        // which menus change which slopes, and which menus interact with each other
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) parent[i] = i;
        List<Set<Integer>> menusOfContinuous = new ArrayList<>();
        for (int k = 0; k < continuous.length; k++) menusOfContinuous.add(new LinkedHashSet<>());
        double[][][] effect = new double[n][][];
        for (int j : menus) {
            Decision.Menu menu = (Decision.Menu) decisions.get(j);
            effect[j] = new double[menu.options().length][];
            for (int o = 0; o < menu.options().length; o++) {
                int[] choice = none.clone();
                choice[j] = o;
                effect[j][o] = measure(atBase, choice);
                if (o == 0) continue;
                for (int k = 0; k < continuous.length; k++) {
                    if (differs(slopeAt(k, atBase, choice), baseSlope[k], range[k])) {
                        menusOfContinuous.get(k).add(j);
                    }
                }
            }
        }
        for (int a = 0; a < menus.size(); a++) {
            for (int b = a + 1; b < menus.size(); b++) {
                int j = menus.get(a);
                int l = menus.get(b);
                if (interact(j, l, effect, none)) {
                    union(parent, j, l);
                    refuseOversizedGroup(parent, menus, j);
                }
            }
        }
        for (Set<Integer> linked : menusOfContinuous) {
            Integer first = null;
            for (int j : linked) {
                if (first == null) first = j;
                else union(parent, first, j);
            }
        }
        for (int j : menus) refuseOversizedGroup(parent, menus, j);
        // form the groups: every menu is in one (possibly on its own)
        Map<Integer, List<Integer>> byRoot = new LinkedHashMap<>();
        for (int j : menus) byRoot.computeIfAbsent(find(parent, j), r -> new ArrayList<>()).add(j);
        for (List<Integer> members : byRoot.values()) {
            int[] memberArray = members.stream().mapToInt(Integer::intValue).toArray();
            long size = 1;
            for (int j : memberArray) size *= ((Decision.Menu) decisions.get(j)).options().length;
            List<Integer> attached = new ArrayList<>();
            for (int k = 0; k < continuous.length; k++) {
                if (!Collections.disjoint(menusOfContinuous.get(k), members)) {
                    attached.add(k);
                    groupOf[k] = groups.size();
                }
            }
            int[] radix = new int[memberArray.length];
            for (int m = 0; m < radix.length; m++) radix[m] = ((Decision.Menu) decisions.get(memberArray[m])).options().length;
            Group g = new Group(memberArray, combinations(memberArray, (int) size),
                    attached.stream().mapToInt(Integer::intValue).toArray(), radix);
            g.effect = new double[g.options.length][];
            g.slope = new double[g.options.length][g.attached.length][];
            for (int c = 0; c < g.options.length; c++) {
                int[] choice = none.clone();
                for (int m = 0; m < memberArray.length; m++) choice[memberArray[m]] = g.options[c][m];
                double[] at = measure(atBase, choice);
                g.effect[c] = minus(at, base);
                for (int a = 0; a < g.attached.length; a++) {
                    g.slope[c][a] = slopeAt(g.attached[a], atBase, choice, at);
                }
            }
            groups.add(g);
        }
        for (int k = 0; k < continuous.length; k++) {
            if (groupOf[k] < 0) slope[k] = baseSlope[k];
        }
    }

    /**
     * Refuses as soon as the menus merged with menu {@code j} have more combinations than may be
     * enumerated, before any more interactions are measured (two interacting 1000-option menus took a
     * million evaluations before the old check at the end refused them).
     */
    private void refuseOversizedGroup(int[] parent, List<Integer> menus, int j) {
        List<Integer> members = new ArrayList<>();
        long size = 1;
        boolean saturated = false;
        for (int l : menus) {
            if (find(parent, l) != find(parent, j)) continue;
            members.add(l);
            // past the cap the count is only "more": twenty 1000-option menus would overflow a long
            if (size <= MAX_COMPOUND_OPTIONS) size *= ((Decision.Menu) problem.decisions().get(l)).options().length;
            else saturated = true;
        }
        if (size > MAX_COMPOUND_OPTIONS) {
            throw new NotLinearException("the menus " + paths(members.stream().mapToInt(Integer::intValue).toArray())
                    + " interact (each changes the effect of the others), so their " + (saturated ? "" : size + " ")
                    + "combinations must be "
                    + "enumerated, more than the " + MAX_COMPOUND_OPTIONS + " allowed; shorten the menus or make one of "
                    + "them continuous");
        }
    }

    private boolean differs(double[] slopeA, double[] slopeB, double range) {
        double[] a = slopeA.clone();
        double[] b = slopeB.clone();
        for (int q = 0; q < a.length; q++) {
            a[q] *= range;
            b[q] *= range;
        }
        return differs(a, b);
    }

    /** Do two menus' effects add up, or does one change what the other does? */
    private boolean interact(int j, int l, double[][][] effect, int[] none) {
        for (int o = 1; o < effect[j].length; o++) {
            for (int p = 1; p < effect[l].length; p++) {
                int[] choice = none.clone();
                choice[j] = o;
                choice[l] = p;
                double[] both = measure(new double[continuous.length], choice);
                double[] sum = new double[both.length];
                for (int q = 0; q < sum.length; q++) sum[q] = effect[j][o][q] + effect[l][p][q] - base[q];
                if (differs(both, sum)) return true;
            }
        }
        return false;
    }

    private double[] slopeAt(int k, double[] dx, int[] choice) {
        return slopeAt(k, dx, choice, measure(dx, choice));
    }

    private double[] slopeAt(int k, double[] dx, int[] choice, double[] at) {
        double[] s = new double[quantities.size()];
        if (range[k] == 0) return s;
        double[] moved = dx.clone();
        moved[k] += range[k];
        double[] up = measure(moved, choice);
        for (int q = 0; q < s.length; q++) s[q] = (up[q] - at[q]) / range[k];
        return s;
    }

    /** The model's value of every quantity at continuous values {@code x} and menu choices. */
    double[] predict(double[] x, int[] choice) {
        double[] v = base.clone();
        for (int k = 0; k < continuous.length; k++) {
            if (groupOf[k] >= 0) continue;
            for (int q = 0; q < v.length; q++) v[q] += slope[k][q] * (x[k] - lower[k]);
        }
        for (Group g : groups) {
            int c = compound(g, choice);
            for (int q = 0; q < v.length; q++) v[q] += g.effect[c][q];
            for (int a = 0; a < g.attached.length; a++) {
                int k = g.attached[a];
                for (int q = 0; q < v.length; q++) v[q] += g.slope[c][a][q] * (x[k] - lower[k]);
            }
        }
        return v;
    }

    /** The engine's value of every quantity at continuous values {@code x} and menu choices. */
    double[] engine(double[] x, int[] choice) {
        double[] dx = new double[x.length];
        for (int k = 0; k < x.length; k++) dx[k] = x[k] - lower[k];
        return measure(dx, choice);
    }

    /** The compound option of a group for the members' choices: mixed radix, last member fastest. */
    static int compound(Group g, int[] choice) {
        int c = 0;
        for (int m = 0; m < g.members.length; m++) {
            c = c * g.radix[m] + choice[g.members[m]];
        }
        return c;
    }

    private int[][] combinations(int[] members, int size) {
        int[][] out = new int[size][members.length];
        int[] radix = new int[members.length];
        for (int m = 0; m < members.length; m++) radix[m] = ((Decision.Menu) problem.decisions().get(members[m])).options().length;
        for (int c = 0; c < size; c++) {
            int rest = c;
            for (int m = members.length - 1; m >= 0; m--) {
                out[c][m] = rest % radix[m];
                rest /= radix[m];
            }
        }
        return out;
    }

    /** Compares the model with the engine at random points; names the decisions to blame if they disagree. */
    private void verify() {
        SplittableRandom random = new SplittableRandom(20261123);
        int n = problem.decisions().size();
        for (int s = 0; s < VERIFICATION_POINTS; s++) {
            double[] x = new double[continuous.length];
            for (int k = 0; k < x.length; k++) x[k] = lower[k] + random.nextDouble() * range[k];
            int[] choice = new int[n];
            for (int i = 0; i < n; i++) {
                if (problem.decisions().get(i) instanceof Decision.Menu m) choice[i] = random.nextInt(m.options().length);
            }
            if (deviation(engine(x, choice), predict(x, choice)) > ACCEPTED_DEVIATION) {
                throw diagnose();
            }
        }
    }

    /** Which continuous decisions the figures are not linear in, alone or in pairs. */
    private NotLinearException diagnose() {
        int n = problem.decisions().size();
        int[] none = new int[n];
        List<String> alone = new ArrayList<>();
        int first = -1;
        double worst = 0;
        for (int k = 0; k < continuous.length; k++) {
            double[] x = lower.clone();
            x[k] += range[k] / 2;
            double deviation = deviation(engine(x, none), predict(x, none));
            if (deviation > ACCEPTED_DEVIATION) {
                alone.add(path(continuous[k]));
                if (first < 0) first = continuous[k];
                worst = Math.max(worst, deviation);
            }
        }
        if (!alone.isEmpty()) {
            return new NotLinearException("the deal's figures are not linear in " + String.join(", ", alone) + " over the bounds given: "
                    + "halfway between the bounds they miss the straight line by " + Numbers.plain(Double.parseDouble(String.format(Locale.ROOT, "%.2g", worst)))
                    + " of their size, more than the " + Numbers.plain(ACCEPTED_DEVIATION) + " accepted (a rebate tier is reached "
                    + "or lost, or the lever compounds or multiplies); give "
                    + (alone.size() == 1 ? "it" : "them") + " as a menu of values (\"values\": […]) and the optimiser "
                    + "will evaluate each value exactly", first);
        }
        for (int a = 0; a < continuous.length; a++) {
            for (int b = a + 1; b < continuous.length; b++) {
                double[] x = lower.clone();
                x[a] += range[a];
                x[b] += range[b];
                if (deviation(engine(x, none), predict(x, none)) > ACCEPTED_DEVIATION) {
                    return new NotLinearException(path(continuous[a]) + " and " + path(continuous[b])
                            + " multiply each other in the deal's figures (e.g. discounts and payment days: financing cost "
                            + "is revenue × days); give one of them as a menu of values", continuous[a]);
                }
            }
        }
        return new NotLinearException("the decisions interact in a way a linear model cannot reproduce; "
                + "give the continuous ones as menus of values");
    }

    private String path(int decision) {
        return problem.decisions().get(decision).name();
    }

    private String paths(int[] decisions) {
        List<String> p = new ArrayList<>();
        for (int d : decisions) p.add(path(d));
        return String.join(", ", p);
    }

    private static double[] minus(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i] - b[i];
        return d;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) i = parent[i] = parent[parent[i]];
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        parent[find(parent, a)] = find(parent, b);
    }

    static String describe(double v) {
        return Numbers.plain(v);
    }
}
