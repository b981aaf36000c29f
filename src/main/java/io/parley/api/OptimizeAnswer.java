package io.parley.api;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;

import io.parley.model.Spellings;
import io.parley.optimize.DealOptimizer;
import io.parley.optimize.DealProblem;
import io.parley.optimize.Decision;
import io.parley.optimize.DecisionValues;

/**
 * The answer to {@code POST /optimize}: how the solve went, the terms and what they achieve when
 * there is a solution, the sensitivity and limits reports, and the least relaxation when no deal
 * exists. Figures that do not apply are null; sections that do not apply are left out.
 */
record OptimizeAnswer(String status, Solver solver, @JsonUnwrapped Solved solved,
                      @JsonInclude(JsonInclude.Include.NON_NULL) Sensitivity sensitivity,
                      @JsonInclude(JsonInclude.Include.NON_NULL) List<Limit> limits,
                      @JsonInclude(JsonInclude.Include.NON_NULL) List<Relaxed> relaxation,
                      @JsonInclude(JsonInclude.Include.NON_NULL) List<Relaxed> alternatives,
                      Provenance provenance) {

    /**
     * @param summary the engine's summary metrics as the API writes them, given the values at the solution
     */
    static OptimizeAnswer of(DealOptimizer.Solution s, DealProblem problem, Function<double[], JsonNode> summary,
                             Provenance provenance) {
        Solver solver = new Solver(s.backend(), s.mixedInteger(), s.solveMillis(), s.evaluations(),
                figure(s.bestBound()), figure(s.gap()));
        Solved solved = null;
        if (s.decisionValues() != null) {
            solved = new Solved(new Objective(figure(s.objectiveModel()), figure(s.objectiveEngine())),
                    DecisionValue.all(problem, s.decisionValues()),
                    summary.apply(DecisionValues.summaryAt(problem, s.decisionValues())),
                    s.rules().stream().map(Rule::of).toList());
        }
        return new OptimizeAnswer(Spellings.of(s.status()), solver, solved, Sensitivity.of(s.sensitivity()),
                s.limits().isEmpty() ? null : s.limits().stream().map(Limit::of).toList(), Relaxed.of(s),
                Relaxed.alternativesOf(s), provenance);
    }

    /** The solver that ran and what it proved: bestBound and gap are null without a MIP bound. */
    record Solver(String backend, boolean mixedInteger, long millis, int engineEvaluations, Double bestBound, Double gap) {
    }

    /** What a solution is: the objective, the terms, the engine's summary at them and each rule there. */
    record Solved(Objective objective, List<DecisionValue> decisions, JsonNode summary, List<Rule> constraints) {
    }

    /** The objective as the linear model has it and as the engine evaluates the terms. */
    record Objective(Double model, Double engine) {
    }

    /** A rule at the solution in its author's units (a ratio as the ratio); an open side of its range is null. */
    record Rule(String name, String unit, Double min, Double max, Double model, Double engine, boolean met) {
        static Rule of(DealOptimizer.RuleResult r) {
            return new Rule(r.name(), Spellings.of(r.unit()), figure(r.min()), figure(r.max()), figure(r.modelValue()),
                    figure(r.engineValue()), r.met());
        }
    }

    /** The LP's sensitivity report; an unlimited allowable change is null. */
    record Sensitivity(boolean fixedMenus, List<Range> decisions, List<ShadowPrice> constraints) {
        static Sensitivity of(DealOptimizer.Sensitivity s) {
            if (s == null) return null;
            return new Sensitivity(s.fixedMenus(), s.decisions().stream().map(Range::of).toList(),
                    s.constraints().stream().map(ShadowPrice::of).toList());
        }
    }

    /** A continuous decision's reduced cost and objective-coefficient range. */
    record Range(String decision, Double value, Double reducedCost, Double reducedCostPerPoint, Double objectiveCoefficient,
                 Double allowableIncrease, Double allowableDecrease) {
        static Range of(DealOptimizer.DecisionRange d) {
            return new Range(d.lever(), figure(d.value()), figure(d.reducedCost()), figure(d.reducedCostPerPoint()),
                    figure(d.objectiveCoefficient()), figure(d.allowableIncrease()), figure(d.allowableDecrease()));
        }
    }

    /** A constraint's shadow price and the range of its bound over which it holds, in the condition's units. */
    record ShadowPrice(String name, String unit, Double bound, Double activity, Double shadowPrice, Double shadowPricePerPoint,
                       Double allowableIncrease, Double allowableDecrease) {
        static ShadowPrice of(DealOptimizer.ShadowPrice p) {
            return new ShadowPrice(p.name(), Spellings.of(p.unit()), figure(p.bound()), figure(p.activity()),
                    figure(p.shadowPrice()), figure(p.shadowPricePerPoint()), figure(p.allowableIncrease()),
                    figure(p.allowableDecrease()));
        }
    }

    /** How far one decision can move with the others held and the rules met. */
    record Limit(String decision, Double value, Double lowest, Double objectiveAtLowest, Double highest,
                 Double objectiveAtHighest) {
        static Limit of(DealOptimizer.Limit l) {
            return new Limit(l.lever(), figure(l.value()), figure(l.lowest()), figure(l.objectiveAtLowest()),
                    figure(l.highest()), figure(l.objectiveAtHighest()));
        }
    }

    /** A rule moved to let a deal exist, in its author's units, and the sentence that says so. */
    record Relaxed(String constraint, String unit, Double bound, Double relaxedBound, Double by, String says) {
        /** The least joint relaxation of an infeasible solve; null for any other status. */
        static List<Relaxed> of(DealOptimizer.Solution s) {
            return s.status() != DealOptimizer.Status.INFEASIBLE ? null : all(s.relaxation());
        }

        /** Each rule moved alone; null unless the solve was infeasible. */
        static List<Relaxed> alternativesOf(DealOptimizer.Solution s) {
            return s.status() != DealOptimizer.Status.INFEASIBLE ? null : all(s.alternatives());
        }

        private static List<Relaxed> all(List<DealOptimizer.Relaxation> moved) {
            return moved.stream().map(r -> new Relaxed(r.name(), Spellings.of(r.unit()), figure(r.bound()),
                    figure(r.relaxedBound()), figure(r.by()), r.says())).toList();
        }
    }

    /** A decision at the solution: a service included or not, or the value a lever takes. */
    sealed interface DecisionValue {

        static List<DecisionValue> all(DealProblem problem, double[] values) {
            List<DecisionValue> out = new ArrayList<>();
            for (int i = 0; i < values.length; i++) {
                Decision d = problem.decisions().get(i);
                boolean include = d instanceof Decision.Menu m && m.settings().size() > 1;
                out.add(include ? new Included(d.name(), values[i] == 1) : new Valued(d.name(), figure(values[i])));
            }
            return out;
        }
    }

    record Included(String name, boolean included) implements DecisionValue {
    }

    record Valued(String name, Double value) implements DecisionValue {
    }

    /** The API's form of a figure: null where the model has none (NaN) or where a side is open (±∞). */
    static Double figure(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
