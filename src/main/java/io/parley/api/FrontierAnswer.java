package io.parley.api;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.parley.document.Csv;
import io.parley.engine.Metric;
import io.parley.model.Spellings;
import io.parley.optimize.DealOptimizer;
import io.parley.optimize.DealProblem;
import io.parley.optimize.DecisionValues;
import io.parley.optimize.Frontier;

import static io.parley.api.OptimizeAnswer.figure;

/**
 * The answer to {@code POST /optimize/frontier}: the two figures traded, the customer's range, the
 * deals along the frontier and, when a walk-away or a demand was given, the zone of agreement.
 */
record FrontierAnswer(String supplier, String customer, Double customerLow, Double customerHigh,
                      @JsonInclude(JsonInclude.Include.NON_NULL) Unsolved unsolved, List<Point> points,
                      @JsonInclude(JsonInclude.Include.NON_NULL) Zone zone, Provenance provenance) {

    static FrontierAnswer of(Frontier.Result r, DealProblem problem, Metric supplier, Metric customer,
                             double walkAway, double demand, Provenance provenance) {
        Unsolved unsolved = r.unsolved() == null ? null
                : new Unsolved(Spellings.of(r.unsolved().status()), OptimizeAnswer.Relaxed.of(r.unsolved()));
        List<Point> points = r.points().stream()
                .map(p -> new Point(figure(p.level()), Deal.of(p.solution(), problem, supplier, customer))).toList();
        Zone zone = r.zone() == null ? null : new Zone(r.zone().exists(), figure(walkAway), figure(demand),
                Deal.of(r.zone().bestForSupplier(), problem, supplier, customer),
                Deal.of(r.zone().bestForCustomer(), problem, supplier, customer));
        return new FrontierAnswer(supplier.apiName, customer.apiName, figure(r.customerLow()), figure(r.customerHigh()),
                unsolved, points, zone, provenance);
    }

    /**
     * The frontier as a table: a row per point in order of the customer's level, its status, the two
     * figures and every decision's value (an included option as 1 or 0), one column per decision in
     * the problem's order; the cells of a point that found no deal are empty.
     */
    String csv(DealProblem problem) {
        List<String> names = problem.decisions().stream().map(d -> d.name()).toList();
        StringBuilder csv = new StringBuilder("level,status," + Csv.quote(supplier) + "," + Csv.quote(customer));
        for (String name : names) csv.append(',').append(Csv.quote(name));
        csv.append(Csv.EOL);
        for (Point p : points) {
            List<Object> cells = new ArrayList<>(List.of(p.level() == null ? "" : p.level(), p.deal().status()));
            Terms t = p.deal().terms();
            cells.add(t == null ? null : t.supplier());
            cells.add(t == null ? null : t.customer());
            for (String name : names) cells.add(t == null ? null : valueOf(t.decisions(), name));
            Csv.cells(csv, cells.toArray());
        }
        return csv.toString();
    }

    private static Object valueOf(List<OptimizeAnswer.DecisionValue> decisions, String name) {
        for (OptimizeAnswer.DecisionValue d : decisions) {
            if (d instanceof OptimizeAnswer.Included i && i.name().equals(name)) return i.included() ? 1 : 0;
            if (d instanceof OptimizeAnswer.Valued v && v.name().equals(name)) return v.value();
        }
        return null;
    }

    /** Why the frontier could not be traced: the status of its first solve, and its least relaxation if infeasible. */
    record Unsolved(String status, @JsonInclude(JsonInclude.Include.NON_NULL) List<OptimizeAnswer.Relaxed> relaxation) {
    }

    /** The best deal for the supplier with the customer's figure at least {@code level}. */
    record Point(Double level, @JsonUnwrapped Deal deal) {
    }

    /** Whether a deal both sides accept exists, and the best one for each side. */
    record Zone(boolean exists, Double walkAway, Double demand, Deal bestForSupplier, Deal bestForCustomer) {
    }

    /** One solve of the frontier: its status, and the two figures and the terms when it found a deal. */
    record Deal(String status, @JsonUnwrapped Terms terms) {
        static Deal of(DealOptimizer.Solution s, DealProblem problem, Metric supplier, Metric customer) {
            if (s.decisionValues() == null) return new Deal(Spellings.of(s.status()), null);
            double[] summary = DecisionValues.summaryAt(problem, s.decisionValues());
            return new Deal(Spellings.of(s.status()), new Terms(figure(summary[supplier.ordinal()]),
                    figure(summary[customer.ordinal()]), OptimizeAnswer.DecisionValue.all(problem, s.decisionValues())));
        }
    }

    /** The two figures traded at a deal, and its terms. */
    record Terms(Double supplier, Double customer, List<OptimizeAnswer.DecisionValue> decisions) {
    }
}
