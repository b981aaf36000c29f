package io.parley.ops;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;

/**
 * The service's own meters, which a resource feeds in one line per request: the evaluator's hot loop
 * is never touched (a request reports how many evaluations it asked for, once), so counting costs
 * nothing measurable however large the sweep. Prometheus sees them as {@code parley_evaluations_total}
 * and {@code parley_solves_seconds_*}; the Grafana dashboard in k8s/ is drawn from these names.
 */
@ApplicationScoped
public class Meters {

    /** Engine evaluations asked for, tagged by the analysis that asked; its rate is evaluations per second. */
    public static final String EVALUATIONS = "parley.evaluations";
    /** Optimiser solves, tagged by status and backend, timed by the solver's own clock. */
    public static final String SOLVES = "parley.solves";

    private final MeterRegistry registry;

    public Meters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts the evaluations one request (or shard) of an analysis runs, and notes them on its span. */
    public void evaluated(String analysis, long evaluations) {
        Counter.builder(EVALUATIONS).description("Scenario evaluations run by the engine")
                .tag("analysis", analysis).register(registry).increment(evaluations);
        Span.current().setAttribute("parley.evaluations", evaluations);
    }

    /** Records one solve: its status (optimal, feasible, infeasible, ...), the solver, and how long it took. */
    public void solved(Enum<?> status, String backend, long millis) {
        String statusName = status.name().toLowerCase(Locale.ROOT);
        Timer.builder(SOLVES).description("Optimiser solves by status and solver")
                .tag("status", statusName).tag("backend", backend).register(registry)
                .record(millis, TimeUnit.MILLISECONDS);
        Span.current().setAttribute("parley.solver.status", statusName);
    }
}
