package io.parley.optimize;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;


/**
 * Finds the terms that optimise a deal: builds the exact linear model of the engine
 * ({@link AffineModel}), solves it with OR-Tools (GLOP when every decision is continuous, a MIP
 * backend when there are menus), re-evaluates the answer with the engine and reports both, with
 * a sensitivity report read from the LP at the optimum.
 */
public final class DealOptimizer {

    /**
     * The MIP backend used unless a request names another: CBC. Measured here (docs/performance.md): on
     * a 30-decision deal both solve in milliseconds (SCIP 3 ms, CBC 7 ms for the solver step, a small
     * part of a request), but when interacting menus merge into thousands of options CBC proved the
     * optimum in 23 s where SCIP had not in 60 s. CP-SAT rounds continuous variables and is not offered.
     */
    public static final String DEFAULT_MIP_BACKEND = "CBC";
    /** The MIP backends a request may name. */
    public static final List<String> MIP_BACKENDS = List.of("CBC", "SCIP");
    /** Relative MIP gap the backends must close before they call a solution optimal (their default, 1e-4, is €100 on €1M). */
    static final double MIP_GAP = 1e-9;
    /**
     * Relative precision the contract promises for the ranges of the sensitivity report. They are read
     * from the optimal basis ({@link BasisRanging}), exact to one factorisation's rounding, far inside it.
     */
    static final double RANGE_PRECISION = 1e-7;
    /** A percentage point as a fraction: the step in which people speak of rates and margins. */
    public static final double PERCENTAGE_POINT = 0.01;
    /** A ratio short of its bound by less than this share of its size is met: rounding of the solver. */
    static final double RATIO_TOLERANCE = 1e-9;
    /**
     * Rounds of Dinkelbach's method allowed to find the best ratio one rule can reach alone; it
     * converges superlinearly (exactly, in finitely many steps, over a finite menu), so a handful do.
     */
    static final int MAX_RATIO_ROUNDS = 50;

    private DealOptimizer() {
    }

    public enum Status {
        /** Proven optimal. */
        OPTIMAL,
        /** A solution, stopped by the time limit before optimality was proven; see the gap. */
        FEASIBLE,
        /** No terms satisfy every constraint; see the relaxation. */
        INFEASIBLE,
        /** The objective can grow without bound (cannot happen with bounded decisions). */
        UNBOUNDED,
        /** The time limit was reached before any solution was found. */
        TIMED_OUT
    }

    /**
     * One constraint at the solution in its author's units (a ratio rule as the ratio, not as its
     * linear rule with bound 0): its bounds, the model's value, the engine's, and whether the engine's
     * meets it.
     */
    public record RuleResult(String name, Constraint.Unit unit, double min, double max, double modelValue,
                             double engineValue, boolean met) {
    }

    /**
     * A rule moved to let a deal exist, in its author's units: a ratio rule by the ratio it can reach
     * ("margin 21.99 % instead of 22 %"), a currency rule in money.
     */
    public record Relaxation(String name, Constraint.Unit unit, double bound, double relaxedBound, double by, String says) {
    }

    /**
     * The sensitivity report of the LP at the optimum (menus fixed at their chosen options).
     *
     * @param fixedMenus true when the problem had menus and they were fixed to read this report
     */
    public record Sensitivity(boolean fixedMenus, List<DecisionRange> decisions, List<ShadowPrice> constraints) {
    }

    /**
     * A continuous decision: its reduced cost and the range of its objective coefficient that keeps the
     * solution. For a rate (a discount, a rebate tier's rate) also the reduced cost per percentage point
     * (0.01 of the rate), NaN for any other decision.
     */
    public record DecisionRange(String lever, double value, double reducedCost, double reducedCostPerPoint,
                                double objectiveCoefficient, double allowableIncrease, double allowableDecrease) {
    }

    /**
     * A constraint's shadow price in its author's units: the change of the objective per unit of its
     * binding bound, valid while the bound moves within [bound − allowableDecrease, bound +
     * allowableIncrease]. A ratio rule reads as the ratio: its bound as asked (0.22), the ratio the
     * solution reaches as its activity, the price per 1.0 of the ratio bound and, for a share (a
     * margin), per percentage point ({@code shadowPricePerPoint}, NaN for any other rule); its range is
     * in the ratio's units, over which the same basis stays optimal (the price itself then varies
     * smoothly, since moving a ratio bound changes the rule's coefficients, not only its bound).
     */
    public record ShadowPrice(String name, Constraint.Unit unit, double bound, double activity, double shadowPrice,
                              double shadowPricePerPoint, double allowableIncrease, double allowableDecrease) {
    }

    /** A decision pushed to the lowest and highest value it can take with the others held and the rules met. */
    public record Limit(String lever, double value, double lowest, double objectiveAtLowest,
                        double highest, double objectiveAtHighest) {
    }

    /**
     * The whole answer. Values are NaN where they do not apply (no solution, no gap). An infeasible
     * deal has the least joint {@code relaxation} and the {@code alternatives}: each rule that could,
     * moved alone as little as it must, every other rule kept.
     */
    public record Solution(Status status, String backend, boolean mixedInteger, double objectiveModel,
                           double objectiveEngine, double bestBound, double gap, double[] decisionValues,
                           List<RuleResult> rules, Sensitivity sensitivity, List<Limit> limits,
                           List<Relaxation> relaxation, List<Relaxation> alternatives, long solveMillis, int evaluations) {
    }

    /** Why {@code backend} cannot solve a deal, if it cannot. */
    public static Optional<String> problemWithBackend(String backend) {
        return MIP_BACKENDS.contains(backend) ? Optional.empty() : Optional.of("'" + backend + "' is not one of "
                + String.join(", ", MIP_BACKENDS) + " (CP-SAT is not offered: it rounds continuous decisions)");
    }

    /** Solves the problem with the default MIP backend. */
    public static Solution solve(DealProblem problem) {
        return solve(problem, DEFAULT_MIP_BACKEND, true);
    }

    /**
     * Solves the problem.
     *
     * @param backend  MIP backend for problems with menus: CBC or SCIP
     * @param reports  whether to add the sensitivity and limits reports (the frontier skips them)
     */
    public static Solution solve(DealProblem problem, String backend, boolean reports) {
        Solvers.load();
        long started = System.nanoTime();
        Deadline deadline = Deadline.in(timeLimitMillis(problem), System::nanoTime);
        AffineModel model;
        try {
            model = AffineModel.build(problem, deadline);
        } catch (AffineModel.OutOfTime e) {
            return outOfTime(problem, e, backend, started);
        }
        return solve(model, backend, reports, deadline);
    }

    /**
     * The answer when the clock stopped measuring (started at System.nanoTime() {@code started}): no
     * model to solve, so the best deal the measurements met on the way, else TIMED_OUT.
     */
    static Solution outOfTime(DealProblem problem, AffineModel.OutOfTime e, String backend, long started) {
        boolean mip = problem.decisions().stream().anyMatch(d -> d instanceof Decision.Menu);
        String used = mip ? backend : "GLOP";
        long millis = (System.nanoTime() - started) / 1_000_000;
        return e.partial.bestEvaluated()
                .map(best -> evaluated(e.partial, best, used, mip, Double.NaN, millis))
                .orElseGet(() -> timedOut(problem, e, backend, started));
    }

    /** TIMED_OUT for a problem whose measuring the clock stopped (started at System.nanoTime() {@code started}). */
    static Solution timedOut(DealProblem problem, AffineModel.OutOfTime e, String backend, long started) {
        boolean mip = problem.decisions().stream().anyMatch(d -> d instanceof Decision.Menu);
        return failed(Status.TIMED_OUT, mip ? backend : "GLOP", mip, (System.nanoTime() - started) / 1_000_000,
                e.partial, List.of(), List.of());
    }

    /** TIMED_OUT for a solve of a measured model that the time limit left no turn to start. */
    static Solution notStarted(AffineModel model, String backend) {
        boolean mip = !model.groups.isEmpty();
        return failed(Status.TIMED_OUT, mip ? backend : "GLOP", mip, 0, model, List.of(), List.of());
    }

    /** Solves the problem of an already measured model, within the problem's time limit from now. */
    static Solution solve(AffineModel model, String backend, boolean reports) {
        return solve(model, backend, reports, Deadline.in(timeLimitMillis(model.problem), System::nanoTime));
    }

    /**
     * Solves the problem of a measured model by {@code deadline}. When the clock stops
     * the solver, the answer is the better of its incumbent and the best deal evaluated while measuring,
     * FEASIBLE with the gap to the solver's bound; the reports are left out when no time remains for them.
     */
    static Solution solve(AffineModel model, String backend, boolean reports, Deadline deadline) {
        Solvers.load();
        DealProblem problem = model.problem;
        SolverModel sm = new SolverModel(model, backend, null);
        long started = System.nanoTime();
        long allowed = deadline.millisLeft();
        sm.solver.setTimeLimit(allowed);
        MPSolver.ResultStatus result = sm.solver.solve(exact());
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (result == MPSolver.ResultStatus.INFEASIBLE && millis >= 0.9 * allowed) {
            // a MIP backend stopped by the clock can say "infeasible" when it has only not found a
            // solution yet: that is a time-out, not a verdict on the deal
            result = MPSolver.ResultStatus.NOT_SOLVED;
        }
        boolean mip = !model.groups.isEmpty();
        String used = mip ? backend : "GLOP";
        boolean withReports = reports && !deadline.reached();
        try {
            switch (result) {
                case OPTIMAL -> {
                    return solved(problem, model, sm, Status.OPTIMAL, used, mip, millis, withReports, deadline);
                }
                case FEASIBLE -> {
                    double bound = sm.solver.objective().bestBound();
                    var best = model.bestEvaluated();
                    if (best.isPresent() && better(problem, best.get().objective(), sm.solver.objective().value())) {
                        return evaluated(model, best.get(), used, mip, bound, millis);
                    }
                    return solved(problem, model, sm, Status.FEASIBLE, used, mip, millis, withReports, deadline);
                }
                case INFEASIBLE -> {
                    List<Relaxation> relaxation = relax(model, backend, deadline);
                    // a relaxation that changes nothing proves the deal feasible: the solver gave up early
                    return relaxation.isEmpty()
                            ? timedOut(model, used, mip, millis)
                            : failed(Status.INFEASIBLE, used, mip, millis, model, relaxation,
                                    alternatives(model, backend, deadline));
                }
                case UNBOUNDED -> {
                    return failed(Status.UNBOUNDED, used, mip, millis, model, List.of(), List.of());
                }
                default -> {
                    return timedOut(model, used, mip, millis);
                }
            }
        } finally {
            sm.solver.delete();
        }
    }

    /** The clock stopped the solver before it had a deal: the best one evaluated while measuring, else TIMED_OUT. */
    private static Solution timedOut(AffineModel model, String backend, boolean mip, long millis) {
        return model.bestEvaluated()
                .map(best -> evaluated(model, best, backend, mip, Double.NaN, millis))
                .orElseGet(() -> failed(Status.TIMED_OUT, backend, mip, millis, model, List.of(), List.of()));
    }

    /**
     * A deal the engine evaluated while the model was measured, answered as FEASIBLE: every figure is the
     * engine's (the model's prediction is not needed), the gap is to the solver's best bound when it has one.
     */
    private static Solution evaluated(AffineModel model, AffineModel.Evaluated best, String backend, boolean mip,
                                      double bound, long millis) {
        DealProblem problem = model.problem;
        double[] values = decisionValues(problem, best.x(), best.choice());
        double[] engine = model.engine(best.x(), best.choice());
        List<RuleResult> rules = new ArrayList<>();
        for (Constraint c : problem.constraints()) {
            double e = stated(c, model, engine, values);
            rules.add(new RuleResult(c.name(), c.unit(), c.statedMin(), c.statedMax(), e, e, meets(c, model, engine, values)));
        }
        double objective = evaluate(problem.objective().form(), model, engine, values);
        double gap = Double.isFinite(bound) ? Math.abs(objective - bound) / Math.max(1, Math.abs(objective)) : Double.NaN;
        return new Solution(Status.FEASIBLE, backend, mip, objective, objective, bound, gap, values, rules, null, List.of(),
                List.of(), List.of(), millis, model.evaluations());
    }

    private static boolean better(DealProblem problem, double a, double b) {
        return problem.objective().maximize() ? a > b : a < b;
    }

    /**
     * Whether a rule meets its bounds, to the deviation accepted between model and engine relative to
     * the rule's size here (Σ |coefficient × figure|: a margin rule near 0 is a difference of large sums).
     */
    static boolean meets(Constraint c, AffineModel model, double[] quantities, double[] decisionValues) {
        double value = evaluate(c.form(), model, quantities, decisionValues);
        double tolerance = AffineModel.ACCEPTED_DEVIATION * Math.max(1, terms(c.form(), model, quantities, decisionValues));
        return value >= c.min() - tolerance && value <= c.max() + tolerance;
    }

    /** Σ |coefficient × figure| over a form's terms: the size of the sums it compares. */
    static double terms(LinearForm form, AffineModel model, double[] quantities, double[] decisionValues) {
        double size = 0;
        for (var e : form.quantities().entrySet()) {
            size += Math.abs(e.getValue() * quantities[model.quantities.indexOf(e.getKey())]);
        }
        for (var e : form.decisions().entrySet()) size += Math.abs(e.getValue() * decisionValues[e.getKey()]);
        return size;
    }

    /** Solver parameters: MIPs solved to a relative gap of 1e-9, so "optimal" means proven optimal. */
    static com.google.ortools.linearsolver.MPSolverParameters exact() {
        var parameters = new com.google.ortools.linearsolver.MPSolverParameters();
        parameters.setDoubleParam(com.google.ortools.linearsolver.MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, MIP_GAP);
        return parameters;
    }

    static long timeLimitMillis(DealProblem problem) {
        return Math.max(1, (long) (problem.timeLimitSeconds() * 1000));
    }

    /**
     * The solver's model as free-format MPS at full precision, for inspection or a re-solve in another
     * solver (glpsol --freemps, cbc). Variables: x&lt;k&gt; per continuous decision in request order,
     * g&lt;g&gt;_o&lt;c&gt; the binaries of menu options; rows c&lt;r&gt; the deal's rules in order.
     */
    public static String export(DealProblem problem, String backend) {
        Solvers.load();
        SolverModel sm = new SolverModel(AffineModel.build(problem), backend, null);
        try {
            return MpsWriter.write(sm.solver, "PARLEY", sm.integer);
        } finally {
            sm.solver.delete();
        }
    }

    private static Solution failed(Status status, String backend, boolean mip, long millis, AffineModel model,
                                   List<Relaxation> relaxation, List<Relaxation> alternatives) {
        return new Solution(status, backend, mip, Double.NaN, Double.NaN, Double.NaN, Double.NaN, null, List.of(),
                null, List.of(), relaxation, alternatives, millis, model.evaluations());
    }

    private static Solution solved(DealProblem problem, AffineModel model, SolverModel sm, Status status, String backend,
                                   boolean mip, long millis, boolean reports, Deadline deadline) {
        double[] x = sm.continuousValues();
        int[] choice = sm.choices();
        double[] values = decisionValues(problem, x, choice);
        double[] engine = model.engine(x, choice);
        double[] predicted = model.predict(x, choice);
        double objectiveModel = sm.solver.objective().value();
        double objectiveEngine = evaluate(problem.objective().form(), model, engine, values);
        double bound = mip ? sm.solver.objective().bestBound() : objectiveModel;
        double gap = Math.abs(objectiveModel - bound) / Math.max(1, Math.abs(objectiveModel));
        List<RuleResult> rules = new ArrayList<>();
        for (Constraint c : problem.constraints()) {
            double m = stated(c, model, predicted, values);
            double e = stated(c, model, engine, values);
            rules.add(new RuleResult(c.name(), c.unit(), c.statedMin(), c.statedMax(), m, e, meets(c, model, engine, values)));
        }
        Sensitivity sensitivity = null;
        List<Limit> limits = List.of();
        if (reports) {
            sensitivity = sensitivity(model, sm.chosenOptions(), mip, deadline);
            if (!deadline.reached()) limits = limits(model, x, choice);
        }
        return new Solution(status, backend, mip, objectiveModel, objectiveEngine, bound, gap, values, rules,
                sensitivity, limits, List.of(), List.of(), millis, model.evaluations());
    }

    static double[] decisionValues(DealProblem problem, double[] x, int[] choice) {
        double[] values = new double[problem.decisions().size()];
        int k = 0;
        for (int i = 0; i < values.length; i++) {
            Decision d = problem.decisions().get(i);
            values[i] = d instanceof Decision.Menu m ? m.options()[choice[i]] : x[k++];
        }
        return values;
    }

    /** A rule's figure as its author reads it: a ratio rule's ratio, any other rule's linear form. */
    static double stated(Constraint c, AffineModel model, double[] quantities, double[] decisionValues) {
        if (c.ratio() == null) return evaluate(c.form(), model, quantities, decisionValues);
        return evaluate(c.ratio().numerator(), model, quantities, decisionValues)
                / evaluate(c.ratio().denominator(), model, quantities, decisionValues);
    }

    static double evaluate(LinearForm form, AffineModel model, double[] quantities, double[] decisionValues) {
        double v = 0;
        for (var e : form.quantities().entrySet()) v += e.getValue() * quantities[model.quantities.indexOf(e.getKey())];
        for (var e : form.decisions().entrySet()) v += e.getValue() * decisionValues[e.getKey()];
        return v;
    }

    // ------------------------------------------------------------------ sensitivity

    private static Sensitivity sensitivity(AffineModel model, int[] fixedOptions, boolean mip, Deadline deadline) {
        SolverModel lp = new SolverModel(model, "GLOP", fixedOptions);
        lp.solver.setTimeLimit(deadline.millisLeft());
        try {
            if (lp.solver.solve() != MPSolver.ResultStatus.OPTIMAL) return null;
            BasisRanging basis = BasisRanging.of(lp.solver);
            List<ShadowPrice> prices = new ArrayList<>();
            List<Constraint> constraints = model.problem.constraints();
            for (int r = 0; r < constraints.size(); r++) {
                Constraint rule = constraints.get(r);
                MPConstraint c = lp.rules[r];
                if (rule.ratio() != null) {
                    prices.add(ratioPrice(rule, c, lp, basis));
                    continue;
                }
                double activity = activity(c, lp);
                boolean atMax = Math.abs(activity - c.ub()) <= Math.abs(activity - c.lb());
                double bound = atMax ? c.ub() : c.lb();
                double offset = atMax ? rule.max() - c.ub() : rule.min() - c.lb();
                double[] range = basis.boundRange(c.index(), atMax);
                prices.add(new ShadowPrice(rule.name(), rule.unit(), bound + offset, activity + offset, c.dualValue(),
                        Double.NaN, range[0], range[1]));
            }
            List<DecisionRange> ranges = new ArrayList<>();
            MPObjective o = lp.solver.objective();
            for (int k = 0; k < lp.x.length; k++) {
                MPVariable v = lp.x[k];
                double[] range = basis.costRange(v.index(), o.maximization());
                Decision.Continuous d = (Decision.Continuous) model.problem.decisions().get(model.continuous[k]);
                // a rate's natural step is a percentage point, 0.01 of the rate
                double perPoint = d.lever().lever().rate() ? v.reducedCost() * PERCENTAGE_POINT : Double.NaN;
                ranges.add(new DecisionRange(d.name(), v.solutionValue(), v.reducedCost(), perPoint, o.getCoefficient(v),
                        range[0], range[1]));
            }
            return new Sensitivity(mip, ranges, prices);
        } finally {
            lp.solver.delete();
        }
    }

    /**
     * A ratio rule N − c D ≥ 0 (or ≤ 0) in the sensitivity report as the ratio: bound c, activity
     * N/D at the solution, and the price per 1.0 of c. Raising c by δ asks N − c D ≥ δ D: to first
     * order the money rule's bound rises by δ D(x*), so the price is the money rule's dual × D(x*)
     * (the envelope theorem; exact as a derivative while the basis is unique). A slack rule's bound
     * ranges to the ratio reached on one side and without limit on the other; a binding one as far as
     * the basis stays optimal ({@link BasisRanging#ratioRange}).
     */
    private static ShadowPrice ratioPrice(Constraint rule, MPConstraint c, SolverModel lp, BasisRanging basis) {
        Constraint.Ratio ratio = rule.ratio();
        SolverModel.Expression under = lp.form(ratio.denominator());
        SolverModel.Expression over = lp.form(ratio.numerator());
        double[] denominator = new double[lp.solver.numVariables()];
        under.terms.forEach((v, coefficient) -> denominator[v.index()] = coefficient);
        double d = valueAt(under);
        double reached = valueAt(over) / d;
        double price = c.dualValue() * d;
        double perPoint = ratio.share() ? price * PERCENTAGE_POINT : Double.NaN;
        double increase;
        double decrease;
        if (basis.binds(c.index())) {
            double[] range = basis.ratioRange(c.index(), denominator, under.constant);
            increase = range[0];
            decrease = range[1];
        } else {
            // slack: the bound moves freely until it meets the ratio the solution reaches
            increase = ratio.floor() ? Math.max(0, reached - ratio.bound()) : Double.POSITIVE_INFINITY;
            decrease = ratio.floor() ? Double.POSITIVE_INFINITY : Math.max(0, ratio.bound() - reached);
        }
        return new ShadowPrice(rule.name(), Constraint.Unit.RATIO, ratio.bound(), reached, price, perPoint, increase, decrease);
    }

    private static double valueAt(SolverModel.Expression e) {
        double v = e.constant;
        for (var t : e.terms.entrySet()) v += t.getValue() * t.getKey().solutionValue();
        return v;
    }

    private static double activity(MPConstraint c, SolverModel lp) {
        double a = 0;
        for (MPVariable v : lp.solver.variables()) a += c.getCoefficient(v) * v.solutionValue();
        return a;
    }

    // ------------------------------------------------------------------ limits report

    /** Each decision moved alone, others held, to the lowest and highest values the model's rules allow. */
    private static List<Limit> limits(AffineModel model, double[] x, int[] choice) {
        DealProblem problem = model.problem;
        double[] values = decisionValues(problem, x, choice);
        List<Limit> limits = new ArrayList<>();
        int k = 0;
        for (int i = 0; i < problem.decisions().size(); i++) {
            Decision d = problem.decisions().get(i);
            double[] lowest = {Double.NaN, Double.NaN};
            double[] highest = {Double.NaN, Double.NaN};
            if (d instanceof Decision.Continuous c) {
                int at = k++;
                double[] interval = feasibleInterval(model, x, choice, at, c);
                if (interval != null) {
                    for (double value : interval) {
                        double[] trial = x.clone();
                        trial[at] = value;
                        consider(model, trial, choice, value, lowest, highest);
                    }
                }
            } else {
                Decision.Menu m = (Decision.Menu) d;
                for (int o = 0; o < m.options().length; o++) {
                    int[] trial = choice.clone();
                    trial[i] = o;
                    consider(model, x, trial, m.options()[o], lowest, highest);
                }
            }
            limits.add(new Limit(d.name(), values[i], lowest[0], lowest[1], highest[0], highest[1]));
        }
        return limits;
    }

    /**
     * The values decision {@code at} can take, the others held, with every rule met. The rules are
     * linear in it (the model is verified), so two engine evaluations give each rule's line.
     */
    private static double[] feasibleInterval(AffineModel model, double[] x, int[] choice, int at, Decision.Continuous c) {
        DealProblem problem = model.problem;
        double[] atMin = x.clone();
        atMin[at] = c.min();
        double[] atMax = x.clone();
        atMax[at] = c.max();
        double[] qMin = model.engine(atMin, choice);
        double[] qMax = model.engine(atMax, choice);
        double low = c.min();
        double high = c.max();
        for (Constraint rule : problem.constraints()) {
            double v0 = evaluate(rule.form(), model, qMin, decisionValues(problem, atMin, choice));
            double v1 = evaluate(rule.form(), model, qMax, decisionValues(problem, atMax, choice));
            double slope = c.max() > c.min() ? (v1 - v0) / (c.max() - c.min()) : 0;
            // v0 + slope × (value − min) within [rule.min, rule.max]
            for (double bound : new double[] {rule.min(), rule.max()}) {
                if (!Double.isFinite(bound) || slope == 0) continue;
                double crossing = c.min() + (bound - v0) / slope;
                boolean isLowerRule = bound == rule.min();
                if ((slope > 0) == isLowerRule) low = Math.max(low, crossing);
                else high = Math.min(high, crossing);
            }
            if (slope == 0 && (v0 < rule.min() - 1e-9 * Math.max(1, Math.abs(v0)) || v0 > rule.max() + 1e-9 * Math.max(1, Math.abs(v0)))) {
                return null;
            }
        }
        // the optimum itself is feasible; keep it inside the interval against rounding
        low = Math.min(low, x[at]);
        high = Math.max(high, x[at]);
        return low <= high ? new double[] {low, high} : null;
    }

    private static void consider(AffineModel model, double[] x, int[] choice, double value, double[] lowest, double[] highest) {
        DealProblem problem = model.problem;
        double[] quantities = model.engine(x, choice);
        double[] values = decisionValues(problem, x, choice);
        for (Constraint c : problem.constraints()) {
            double e = evaluate(c.form(), model, quantities, values);
            double tolerance = AffineModel.RELATIVE_TOLERANCE * Math.max(1, Math.abs(e)) + 1e-9;
            if (e < c.min() - tolerance || e > c.max() + tolerance) return;
        }
        double objective = evaluate(problem.objective().form(), model, quantities, values);
        if (Double.isNaN(lowest[0]) || value < lowest[0]) {
            lowest[0] = value;
            lowest[1] = objective;
        }
        if (Double.isNaN(highest[0]) || value > highest[0]) {
            highest[0] = value;
            highest[1] = objective;
        }
    }

    // ------------------------------------------------------------------ infeasibility

    /**
     * The least relaxation of the rules that makes the deal feasible, each condition weighed in its own
     * units relative to its bound ({@link #ruleSize}, {@link #ratioSize}): a currency rule by its
     * shortfall, a ratio condition by how far the ratio falls short (the most, over its years' rules),
     * measured against the largest denominator any deal reaches. A ratio's shortfall τ at terms x is the
     * money slack σ of its rule N − c D ≥ −σ over D(x), which is not linear; over the largest value D̂
     * of D it is (σ ≤ τ D̂), the same at the deal with the most revenue and a little less elsewhere. D̂
     * depends on neither the order of the menus nor the deal's size (it scales with the deal, as σ does).
     * (Holding D at the relaxed deal's own value by re-solving until the deal repeats does not converge to
     * the least relaxation: on the two-menu test deal it cycled between deals away from the best.)
     */
    private static List<Relaxation> relax(AffineModel model, String backend, Deadline deadline) {
        List<Constraint> constraints = model.problem.constraints();
        double[] denominator = new double[constraints.size()];
        for (int r = 0; r < constraints.size(); r++) {
            if (constraints.get(r).ratio() != null) denominator[r] = largestDenominator(model, backend, deadline, r);
        }
        return relaxOnce(model, backend, deadline, denominator);
    }

    /**
     * The least relaxation with each ratio rule's shortfall measured over {@code denominator}: a slack per
     * currency rule, at 1 / its size per unit; one shortfall τ per ratio condition, at 1 / its size per
     * unit of the ratio, shared by the condition's rules (the lowest year's margin falls short by the
     * most any year does). Empty when the relaxed problem could not be solved.
     */
    private static List<Relaxation> relaxOnce(AffineModel model, String backend, Deadline deadline, double[] denominator) {
        List<Constraint> constraints = model.problem.constraints();
        SolverModel sm = slackModel(model, backend, deadline);
        try {
            MPObjective o = sm.solver.objective();
            MPVariable shortfall = null;
            for (int r = 0; r < constraints.size(); r++) {
                Constraint c = constraints.get(r);
                MPConstraint rule = sm.rules[r];
                if (c.ratio() == null) {
                    // min − below ≤ form ≤ max + above: the rule may be missed by the slack, at a cost per unit of its size
                    MPVariable below = sm.solver.makeNumVar(0, MPSolver.infinity(), "relax_min_" + r);
                    MPVariable above = sm.solver.makeNumVar(0, MPSolver.infinity(), "relax_max_" + r);
                    rule.setCoefficient(below, 1);
                    rule.setCoefficient(above, -1);
                    o.setCoefficient(below, 1 / ruleSize(c));
                    o.setCoefficient(above, 1 / ruleSize(c));
                    continue;
                }
                if (r == 0 || !c.ratio().sameCondition(constraints.get(r - 1).ratio())) {
                    shortfall = sm.solver.makeNumVar(0, MPSolver.infinity(), "relax_ratio_" + r);
                    o.setCoefficient(shortfall, 1 / ratioSize(c.ratio()));
                }
                // N − c D + τ D̂ ≥ 0 for a floor, N − c D − τ D̂ ≤ 0 for a ceiling: the ratio may miss c by τ
                rule.setCoefficient(shortfall, c.ratio().floor() ? denominator[r] : -denominator[r]);
            }
            MPSolver.ResultStatus status = sm.solver.solve(exact());
            if (status != MPSolver.ResultStatus.OPTIMAL && status != MPSolver.ResultStatus.FEASIBLE) return List.of();
            double[] x = sm.continuousValues();
            int[] choice = sm.choices();
            double[] predicted = model.predict(x, choice);
            double[] values = decisionValues(model.problem, x, choice);
            List<Relaxation> moved = new ArrayList<>();
            for (int r = 0; r < constraints.size(); r++) {
                Constraint c = constraints.get(r);
                if (c.ratio() == null) {
                    double value = evaluate(c.form(), model, predicted, values);
                    double down = Math.max(0, c.min() - value);
                    double up = Math.max(0, value - c.max());
                    if (down > slackTolerance(c)) moved.add(moved(c, c.min(), c.min() - down));
                    else if (up > slackTolerance(c)) moved.add(moved(c, c.max(), c.max() + up));
                    continue;
                }
                // a ratio rule reads as the ratio the relaxed deal reaches
                Constraint.Ratio ratio = c.ratio();
                double reached = stated(c, model, predicted, values);
                double missed = ratio.floor() ? ratio.bound() - reached : reached - ratio.bound();
                if (missed > RATIO_TOLERANCE * ratioSize(ratio)) moved.add(ratioReached(c, reached));
            }
            return moved;
        } finally {
            sm.solver.delete();
        }
    }

    /**
     * The largest value ratio rule r's denominator takes over the decisions, every rule set aside: what
     * the relaxation measures the rule's shortfall against. It depends on neither the order of the menus
     * nor the deal's size (it scales with the deal, as the money slack it converts does). A denominator
     * that is nowhere positive (no ratio rule then) or not found in time counts as 1.
     */
    private static double largestDenominator(AffineModel model, String backend, Deadline deadline, int r) {
        SolverModel sm = new SolverModel(model, backend, null);
        try {
            for (MPConstraint rule : sm.rules) rule.setBounds(-MPSolver.infinity(), MPSolver.infinity());
            SolverModel.Expression d = sm.form(model.problem.constraints().get(r).ratio().denominator());
            MPObjective o = sm.solver.objective();
            o.clear();
            d.terms.forEach(o::setCoefficient);
            o.setOffset(d.constant);
            o.setMaximization();
            sm.solver.setTimeLimit(deadline.millisLeft());
            MPSolver.ResultStatus status = sm.solver.solve(exact());
            double largest = status == MPSolver.ResultStatus.OPTIMAL || status == MPSolver.ResultStatus.FEASIBLE
                    ? o.value() : Double.NaN;
            return largest > 0 ? largest : 1;
        } finally {
            sm.solver.delete();
        }
    }

    /** The deal's model with an empty objective to minimise, for slacks to be added to, by {@code deadline}. */
    private static SolverModel slackModel(AffineModel model, String backend, Deadline deadline) {
        SolverModel sm = new SolverModel(model, backend, null);
        sm.solver.setTimeLimit(deadline.millisLeft());
        sm.solver.objective().clear();
        sm.solver.objective().setMinimization();
        return sm;
    }

    /** Slack below which a rule counts as met: rounding of the solver, relative to the rule's bound. */
    private static double slackTolerance(Constraint c) {
        return 1e-9 * Math.max(1, Math.max(finiteAbs(c.min()), finiteAbs(c.max())));
    }

    private static Relaxation moved(Constraint c, double bound, double relaxed) {
        return new Relaxation(c.name(), c.unit(), bound, relaxed, Math.abs(relaxed - bound), UserUnits.says(c, bound, relaxed));
    }

    private static Relaxation ratioReached(Constraint c, double reached) {
        return moved(c, c.ratio().bound(), reached);
    }

    /**
     * The alternatives of an infeasible deal: for each condition, the least change of that condition
     * alone that lets a deal through with every other rule kept as asked, in the condition's units; a
     * condition whose change alone cannot help is left out. A currency rule moves by the least
     * shortfall the others allow (one solve); a ratio condition (all its years' rules together) moves
     * to the best ratio the others allow, found by Dinkelbach's method (the least money shortfall is
     * not the least change of a ratio when the denominator moves with the terms).
     */
    private static List<Relaxation> alternatives(AffineModel model, String backend, Deadline deadline) {
        List<Relaxation> out = new ArrayList<>();
        List<Constraint> constraints = model.problem.constraints();
        int r = 0;
        while (r < constraints.size() && !deadline.reached()) {
            Constraint c = constraints.get(r);
            if (c.ratio() == null) {
                alone(model, backend, deadline, r++).ifPresent(out::add);
                continue;
            }
            List<Integer> condition = new ArrayList<>();
            while (r < constraints.size() && c.ratio().sameCondition(constraints.get(r).ratio())) condition.add(r++);
            ratioAlone(model, backend, deadline, condition).ifPresent(out::add);
        }
        return out;
    }

    /** Rule r moved alone: min below + above with r's slacks the only ones, the other rules kept. */
    private static Optional<Relaxation> alone(AffineModel model, String backend, Deadline deadline, int r) {
        Constraint c = model.problem.constraints().get(r);
        SolverModel sm = slackModel(model, backend, deadline);
        try {
            MPObjective o = sm.solver.objective();
            // min − below ≤ form ≤ max + above
            MPVariable below = sm.solver.makeNumVar(0, MPSolver.infinity(), "relax_min");
            MPVariable above = sm.solver.makeNumVar(0, MPSolver.infinity(), "relax_max");
            sm.rules[r].setCoefficient(below, 1);
            sm.rules[r].setCoefficient(above, -1);
            o.setCoefficient(below, 1);
            o.setCoefficient(above, 1);
            if (sm.solver.solve(exact()) != MPSolver.ResultStatus.OPTIMAL) return Optional.empty();
            double down = below.solutionValue();
            double up = above.solutionValue();
            if (down > slackTolerance(c)) return Optional.of(moved(c, c.min(), c.min() - down));
            if (up > slackTolerance(c)) return Optional.of(moved(c, c.max(), c.max() + up));
            return Optional.empty();
        } finally {
            sm.solver.delete();
        }
    }

    /**
     * A ratio condition moved alone (the rules of its years together): the best ratio the other rules
     * allow, the highest lowest-year ratio for a floor, the lowest highest-year one for a ceiling.
     * Dinkelbach's method, generalised to the min of several ratios: from a deal meeting the others, at
     * ratio t, find the deal that maximises z with z ≤ numerator_y − t × denominator_y in every year y;
     * when z is 0 no deal beats t; otherwise its lowest ratio is higher and becomes t. Each round is the
     * same LP or MIP with other coefficients; denominators must stay positive, as the linear rules assume.
     */
    private static Optional<Relaxation> ratioAlone(AffineModel model, String backend, Deadline deadline, List<Integer> rules) {
        List<Constraint> constraints = model.problem.constraints();
        Constraint first = constraints.get(rules.get(0));
        Constraint.Ratio ratio = first.ratio();
        boolean floor = ratio.floor();
        double t = ratio.bound();
        double best = Double.NaN;
        for (int round = 0; round < MAX_RATIO_ROUNDS && !deadline.reached(); round++) {
            SolverModel sm = new SolverModel(model, backend, null);
            try {
                MPVariable z = sm.solver.makeNumVar(-MPSolver.infinity(), MPSolver.infinity(), "ratio_gain");
                for (int r : rules) {
                    sm.rules[r].setBounds(-MPSolver.infinity(), MPSolver.infinity());   // the condition moves: out
                    Constraint.Ratio year = constraints.get(r).ratio();
                    SolverModel.Expression gain = new SolverModel.Expression();
                    gain.add(sm.form(year.numerator()), 1);
                    gain.add(sm.form(year.denominator()), -t);
                    // numerator − t × denominator − z ≥ 0 for a floor (≤ 0 for a ceiling)
                    MPConstraint row = floor ? sm.solver.makeConstraint(-gain.constant, MPSolver.infinity())
                            : sm.solver.makeConstraint(-MPSolver.infinity(), -gain.constant);
                    gain.terms.forEach(row::setCoefficient);
                    row.setCoefficient(z, -1);
                }
                MPObjective o = sm.solver.objective();
                o.clear();
                o.setCoefficient(z, 1);
                o.setOptimizationDirection(floor);
                sm.solver.setTimeLimit(deadline.millisLeft());
                if (sm.solver.solve(exact()) != MPSolver.ResultStatus.OPTIMAL) return Optional.empty();
                double[] x = sm.continuousValues();
                int[] choice = sm.choices();
                double[] predicted = model.predict(x, choice);
                double[] values = decisionValues(model.problem, x, choice);
                double reached = floor ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
                for (int r : rules) {
                    Constraint.Ratio year = constraints.get(r).ratio();
                    double d = evaluate(year.denominator(), model, predicted, values);
                    if (!(d > 0)) return Optional.empty();
                    double q = evaluate(year.numerator(), model, predicted, values) / d;
                    reached = floor ? Math.min(reached, q) : Math.max(reached, q);
                }
                boolean better = Double.isNaN(best) || (floor ? reached > best : reached < best);
                if (better) best = reached;
                if (!better || Math.abs(reached - t) <= 1e-12 * Math.max(1, Math.abs(t))) break;
                t = reached;
            } finally {
                sm.solver.delete();
            }
        }
        if (Double.isNaN(best) || (floor ? best >= ratio.bound() : best <= ratio.bound())) return Optional.empty();
        if (rules.size() == 1) return Optional.of(ratioReached(first, best));
        return Optional.of(new Relaxation(ratio.condition(), Constraint.Unit.RATIO, ratio.bound(), best,
                Math.abs(best - ratio.bound()), UserUnits.ratio(UserUnits.everyYear(ratio.metric()), ratio.share(),
                ratio.bound(), best)));
    }

    /**
     * What a currency (or decisions) rule's slack is measured against, as the contract states it: its
     * own bound, a bound below 1 in size counting as 1. Nothing here depends on a point of the decision
     * space: weighing by the rule's value at the first options made the answer change when a menu was
     * reordered.
     */
    static double ruleSize(Constraint c) {
        return Math.max(1, Math.max(finiteAbs(c.min()), finiteAbs(c.max())));
    }

    /**
     * What a ratio condition's shortfall (in the ratio) is measured against: its bound, a bound below
     * one point (0.01) in size counting as one point, so a 1 % cut in a 22 % margin floor weighs as much
     * as a 1 % cut in a currency demand, whatever the deal's size (weighing its money slack per euro, as
     * before, made a large deal's margin give last and a small one's first).
     */
    static double ratioSize(Constraint.Ratio ratio) {
        return Math.max(PERCENTAGE_POINT, Math.abs(ratio.bound()));
    }

    private static double finiteAbs(double v) {
        return Double.isFinite(v) ? Math.abs(v) : 0;
    }
}
