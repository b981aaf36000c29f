package io.parley.optimize;

import java.util.List;

import io.parley.engine.CompiledScenario;

/**
 * Everything one optimisation needs: the scenario, the decisions, the objective, the constraints
 * and how long the solver may take.
 */
public record DealProblem(CompiledScenario scenario, List<Decision> decisions, Objective objective,
                          List<Constraint> constraints, double timeLimitSeconds) {

    public DealProblem {
        decisions = List.copyOf(decisions);
        constraints = List.copyOf(constraints);
    }

    public DealProblem withConstraints(List<Constraint> more) {
        return new DealProblem(scenario, decisions, objective, more, timeLimitSeconds);
    }

    public DealProblem withObjective(Objective other) {
        return new DealProblem(scenario, decisions, other, constraints, timeLimitSeconds);
    }
}
