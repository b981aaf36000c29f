package io.parley.optimize;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.parley.engine.Heap;
import io.parley.engine.Metric;

/**
 * The negotiation frontier: the best supplier figure (say {@code npv}) for each level of a customer
 * figure ({@code customerNpv}), solved point by point, so a manager sees the whole give-and-take;
 * and the zone of agreement between the supplier's walk-away and the customer's demand.
 */
public final class Frontier {

    private Frontier() {
    }

    /** One point: the customer level demanded and the best deal for the supplier at it. */
    public record Point(double level, DealOptimizer.Solution solution) {
    }

    /**
     * The zone of agreement: whether any terms give the supplier at least its walk-away and the
     * customer at least its demand, and the best terms inside the zone for each side.
     */
    public record Zone(boolean exists, DealOptimizer.Solution bestForSupplier, DealOptimizer.Solution bestForCustomer) {
    }

    /**
     * @param unsolved when the frontier has no points: the end that could not be solved (your best
     *                 deal, else the customer's), whose status and relaxation say why; null otherwise
     */
    public record Result(List<Point> points, double customerLow, double customerHigh, Zone zone,
                         DealOptimizer.Solution unsolved) {
    }

    /**
     * Solves a frontier makes beyond its points: the two extremes (our best deal, the customer's best)
     * and the two ends of the zone of agreement.
     */
    static final int SOLVES_BEYOND_POINTS = 4;

    /**
     * The problem each solve of a {@code points}-point frontier gets: the whole request's time limit
     * shared out evenly, so the frontier as a whole keeps to the limit the caller gave.
     */
    /** Why {@code points} cannot be a frontier's number of points, if it cannot: a line needs two ends. */
    public static Optional<String> problemWithPoints(int points) {
        return points >= 2 ? Optional.empty() : Optional.of(points + " points do not draw a frontier; ask for 2 or more");
    }

    /** Why {@code m} cannot be one of the two figures a frontier trades, if it cannot. */
    public static Optional<String> problemWithFigure(Metric m) {
        return m.unit == Metric.Unit.CURRENCY ? Optional.empty() : Optional.of("'" + m.apiName
                + "' is not a sum of money; the frontier trades two currency figures, e.g. npv and customerNpv");
    }

    /** Solves a frontier of {@code points} points makes, each with its share of the time limit. */
    public static int solves(int points) {
        return points + SOLVES_BEYOND_POINTS;
    }

    public static DealProblem perSolve(DealProblem whole, int points) {
        return new DealProblem(whole.scenario(), whole.decisions(), whole.objective(), whole.constraints(),
                whole.timeLimitSeconds() / (points + SOLVES_BEYOND_POINTS));
    }

    /**
     * The most a frontier of {@code points} points can cost ({@link AffineModel#estimate}): one model
     * measured for the supplier and customer figures and the problem's rules, then each solve's answer
     * read back (2 evaluations: the answer and the customer figure at it).
     */
    public static AffineModel.Estimate estimate(DealProblem problem, LinearForm supplier, LinearForm customer, int points) {
        List<Constraint> rules = new ArrayList<>(problem.constraints());
        rules.add(new Constraint("customer figure", customer, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY));
        AffineModel.Estimate model = AffineModel.estimate(problem.withConstraints(rules).withObjective(new Objective(true, supplier)));
        return new AffineModel.Estimate(Heap.plus(model.evaluations(), 2L * (points + SOLVES_BEYOND_POINTS)), model.bytes());
    }

    /**
     * Traces the frontier of {@code supplier} (maximised) against {@code customer} (also maximised)
     * in {@code count} points from the customer level of the supplier's best deal to the customer's best.
     *
     * @param walkAway minimum for the supplier figure (NaN: no zone of agreement asked)
     * @param demand   minimum for the customer figure
     */
    public static Result trace(DealProblem problem, LinearForm supplier, LinearForm customer, int count,
                               double walkAway, double demand, String backend) {
        List<Constraint> rules = new ArrayList<>(problem.constraints());
        Constraint level = new Constraint("customer figure ≥ frontier level", customer, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        rules.add(level);
        Constraint walk = new Constraint("supplier walk-away", supplier, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        rules.add(walk);
        DealProblem measured = problem.withConstraints(rules).withObjective(new Objective(true, supplier));
        long started = System.nanoTime();
        AffineModel model;
        try {
            // measuring is part of the request: it may use the whole request's time, the solves' shares together
            model = AffineModel.build(measured, started + DealOptimizer.timeLimitMillis(problem) * 1_000_000 * (count + SOLVES_BEYOND_POINTS));
        } catch (AffineModel.OutOfTime e) {
            // no frontier without a model: its points are solves of the model, not single deals met on the way
            return new Result(List.of(), Double.NaN, Double.NaN, null, DealOptimizer.timedOut(measured, e, backend, started));
        }

        DealOptimizer.Solution supplierBest = DealOptimizer.solve(model, backend, false);
        DealOptimizer.Solution customerBest = DealOptimizer.solve(
                model.reuse(measured.withObjective(new Objective(true, customer))), backend, false);
        List<Point> points = new ArrayList<>();
        double low = Double.NaN;
        double high = Double.NaN;
        if (solved(supplierBest) && solved(customerBest)) {
            low = valueOf(customer, model, supplierBest);
            high = customerBest.objectiveEngine();
            for (int i = 0; i < count; i++) {
                double at = count == 1 ? low : low + (high - low) * i / (count - 1);
                points.add(new Point(at, DealOptimizer.solve(model.reuse(with(measured, rules.size() - 2,
                        new Constraint(level.name(), customer, at, Double.POSITIVE_INFINITY))), backend, false)));
            }
        }
        Zone zone = null;
        if (!Double.isNaN(walkAway) || !Double.isNaN(demand)) {
            List<Constraint> zoneRules = new ArrayList<>(rules);
            zoneRules.set(rules.size() - 2, new Constraint("customer demand", customer,
                    Double.isNaN(demand) ? Double.NEGATIVE_INFINITY : demand, Double.POSITIVE_INFINITY));
            zoneRules.set(rules.size() - 1, new Constraint("supplier walk-away", supplier,
                    Double.isNaN(walkAway) ? Double.NEGATIVE_INFINITY : walkAway, Double.POSITIVE_INFINITY));
            DealProblem zoneProblem = measured.withConstraints(zoneRules);
            DealOptimizer.Solution forSupplier = DealOptimizer.solve(model.reuse(zoneProblem), backend, false);
            DealOptimizer.Solution forCustomer = DealOptimizer.solve(
                    model.reuse(zoneProblem.withObjective(new Objective(true, customer))), backend, false);
            zone = new Zone(solved(forSupplier), forSupplier, forCustomer);
        }
        DealOptimizer.Solution unsolved = !solved(supplierBest) ? supplierBest : !solved(customerBest) ? customerBest : null;
        return new Result(points, low, high, zone, unsolved);
    }

    private static DealProblem with(DealProblem p, int index, Constraint replacement) {
        List<Constraint> rules = new ArrayList<>(p.constraints());
        rules.set(index, replacement);
        return p.withConstraints(rules);
    }

    static boolean solved(DealOptimizer.Solution s) {
        return s.status() == DealOptimizer.Status.OPTIMAL || s.status() == DealOptimizer.Status.FEASIBLE;
    }

    /** The engine's value of a form at a solution. */
    static double valueOf(LinearForm form, AffineModel model, DealOptimizer.Solution s) {
        int[] choice = new int[model.problem.decisions().size()];
        double[] x = new double[model.continuous.length];
        int k = 0;
        for (int i = 0; i < choice.length; i++) {
            Decision d = model.problem.decisions().get(i);
            if (d instanceof Decision.Menu m) {
                for (int o = 0; o < m.options().length; o++) if (m.options()[o] == s.decisionValues()[i]) choice[i] = o;
            } else {
                x[k++] = s.decisionValues()[i];
            }
        }
        return DealOptimizer.evaluate(form, model, model.engine(x, choice), s.decisionValues());
    }
}
