package io.parley.optimize;

import java.util.List;
import java.util.Optional;

import io.parley.engine.CompiledScenario;
import io.parley.model.Numbers;

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

    /** Why {@code seconds} cannot be a time limit under a ceiling of {@code maxSeconds}, if it cannot. */
    public static Optional<String> problemWithTimeLimit(double seconds, double maxSeconds) {
        return Double.isNaN(seconds) || (seconds > 0 && seconds <= maxSeconds) ? Optional.empty()   // NaN: said where it was read
                : Optional.of(Numbers.plain(seconds) + " is outside (0, " + Numbers.plain(maxSeconds)
                        + "] seconds, the ceiling this service allows");
    }

    public DealProblem withConstraints(List<Constraint> more) {
        return new DealProblem(scenario, decisions, objective, more, timeLimitSeconds);
    }

    public DealProblem withObjective(Objective other) {
        return new DealProblem(scenario, decisions, other, constraints, timeLimitSeconds);
    }
}
