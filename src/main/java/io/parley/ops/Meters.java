package io.parley.ops;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.parley.engine.Cost;

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
    /** Evaluations each operation was let in to run (charged to its caller), tagged by the operation's path. */
    public static final String OPERATION_EVALUATIONS = "parley.operation.evaluations";
    /** The same work in product-periods (evaluations × products × periods), what its time grows with. */
    public static final String OPERATION_PRODUCT_PERIODS = "parley.operation.product.periods";
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

    /**
     * Counts the work one request of {@code operation} was let in to do, as it was charged: the
     * evaluations it asked for at most and the product-periods they work through. Every operation
     * that evaluates is charged (api/ComputeQuota), so every one is counted.
     */
    public void charged(String operation, Cost cost) {
        OperationCounters counters = byOperation.get(operation);
        if (counters == null) {
            counters = new OperationCounters(
                    Counter.builder(OPERATION_EVALUATIONS).description("Scenario evaluations each operation was let in to run")
                            .tag("operation", operation).register(registry),
                    Counter.builder(OPERATION_PRODUCT_PERIODS).description("Product-periods (evaluations × products × periods) each operation was let in to work through")
                            .tag("operation", operation).register(registry));
            if (byOperation.size() < MAX_OPERATIONS_KEPT) byOperation.putIfAbsent(operation, counters);
        }
        counters.evaluations().increment(cost.evaluations());
        counters.productPeriods().increment(cost.units());
    }

    /**
     * Operations whose counters are kept at hand: far more than the API's operations. Registering finds
     * the same counter again, but builds its id and sorts its tags on every request to do so.
     */
    static final int MAX_OPERATIONS_KEPT = 256;

    private record OperationCounters(Counter evaluations, Counter productPeriods) {
    }

    private final Map<String, OperationCounters> byOperation = new ConcurrentHashMap<>();

    /** Records one solve: its status (optimal, feasible, infeasible, ...), the solver, and how long it took. */
    public void solved(Enum<?> status, String backend, long millis) {
        String statusName = status.name().toLowerCase(Locale.ROOT);
        Timer.builder(SOLVES).description("Optimiser solves by status and solver")
                .tag("status", statusName).tag("backend", backend).register(registry)
                .record(millis, TimeUnit.MILLISECONDS);
        Span.current().setAttribute("parley.solver.status", statusName);
    }
}
