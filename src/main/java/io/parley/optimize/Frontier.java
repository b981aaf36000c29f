package io.parley.optimize;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

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

    /** Why {@code points} cannot be a frontier's number of points, if it cannot: a line needs two ends. */
    public static Optional<String> problemWithPoints(int points) {
        return points >= 2 ? Optional.empty() : Optional.of(points + " points do not draw a frontier; ask for 2 or more");
    }

    /** Why {@code m} cannot be one of the two figures a frontier trades, if it cannot. */
    public static Optional<String> problemWithFigure(Metric m) {
        return m.unit == Metric.Unit.CURRENCY ? Optional.empty() : Optional.of("'" + m.apiName
                + "' is not a sum of money; the frontier trades two currency figures, e.g. npv and customerNpv");
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
     * The problem's time limit covers the whole frontier: measuring the model, then each solve with an
     * even share of what is left; a solve whose turn comes once the limit is reached is not started and says
     * {@code TIMED_OUT}. The answer comes at most one solve's overrun past the limit (the solver stopped
     * by its own share, and its answer read back: 2 evaluations).
     *
     * @param walkAway minimum for the supplier figure (NaN: no zone of agreement asked)
     * @param demand   minimum for the customer figure
     */
    public static Result trace(DealProblem problem, LinearForm supplier, LinearForm customer, int count,
                               double walkAway, double demand, String backend) {
        return trace(problem, supplier, customer, count, walkAway, demand, backend, System::nanoTime);
    }

    /** {@link #trace}, its time limit kept on {@code clock} (nanoseconds). */
    static Result trace(DealProblem problem, LinearForm supplier, LinearForm customer, int count,
                        double walkAway, double demand, String backend, LongSupplier clock) {
        List<Constraint> rules = new ArrayList<>(problem.constraints());
        Constraint level = new Constraint("customer figure ≥ frontier level", customer, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        rules.add(level);
        Constraint walk = new Constraint("supplier walk-away", supplier, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
        rules.add(walk);
        DealProblem measured = problem.withConstraints(rules).withObjective(new Objective(true, supplier));
        long started = System.nanoTime();
        Deadline deadline = Deadline.in(DealOptimizer.timeLimitMillis(problem), clock);
        AffineModel model;
        try {
            model = AffineModel.build(measured, deadline);
        } catch (AffineModel.OutOfTime e) {
            // no frontier without a model: its points are solves of the model, not single deals met on the way
            return new Result(List.of(), Double.NaN, Double.NaN, null, DealOptimizer.timedOut(measured, e, backend, started));
        }
        boolean zoneAsked = !Double.isNaN(walkAway) || !Double.isNaN(demand);
        Solves solves = new Solves(backend, deadline, 2 + count + (zoneAsked ? 2 : 0));

        DealOptimizer.Solution supplierBest = solves.next(model);
        DealOptimizer.Solution customerBest = solves.next(model.reuse(measured.withObjective(new Objective(true, customer))));
        List<Point> points = new ArrayList<>();
        double low = Double.NaN;
        double high = Double.NaN;
        if (solved(supplierBest) && solved(customerBest)) {
            low = valueOf(customer, model, supplierBest);
            high = customerBest.objectiveEngine();
            for (int i = 0; i < count; i++) {
                double at = count == 1 ? low : low + (high - low) * i / (count - 1);
                points.add(new Point(at, solves.next(model.reuse(with(measured, rules.size() - 2,
                        new Constraint(level.name(), customer, at, Double.POSITIVE_INFINITY))))));
            }
        } else {
            solves.skip(count); // no levels without both ends: their share stays for the zone
        }
        Zone zone = null;
        if (zoneAsked) {
            List<Constraint> zoneRules = new ArrayList<>(rules);
            zoneRules.set(rules.size() - 2, new Constraint("customer demand", customer,
                    Double.isNaN(demand) ? Double.NEGATIVE_INFINITY : demand, Double.POSITIVE_INFINITY));
            zoneRules.set(rules.size() - 1, new Constraint("supplier walk-away", supplier,
                    Double.isNaN(walkAway) ? Double.NEGATIVE_INFINITY : walkAway, Double.POSITIVE_INFINITY));
            DealProblem zoneProblem = measured.withConstraints(zoneRules);
            DealOptimizer.Solution forSupplier = solves.next(model.reuse(zoneProblem));
            DealOptimizer.Solution forCustomer = solves.next(model.reuse(zoneProblem.withObjective(new Objective(true, customer))));
            zone = new Zone(solved(forSupplier), forSupplier, forCustomer);
        }
        DealOptimizer.Solution unsolved = !solved(supplierBest) ? supplierBest : !solved(customerBest) ? customerBest : null;
        return new Result(points, low, high, zone, unsolved);
    }

    /** The solves of one frontier, in turn, sharing what is left of its deadline evenly among those to come. */
    private static final class Solves {
        private final String backend;
        private final Deadline deadline;
        private int left;

        Solves(String backend, Deadline deadline, int solves) {
            this.backend = backend;
            this.deadline = deadline;
            this.left = solves;
        }

        /** The next solve, by its share of the time left; TIMED_OUT unstarted when none is left. */
        DealOptimizer.Solution next(AffineModel model) {
            Deadline share = deadline.share(left);
            left--;
            return deadline.reached() ? DealOptimizer.notStarted(model, backend)
                    : DealOptimizer.solve(model, backend, false, share);
        }

        void skip(int solves) {
            left -= solves;
        }
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
