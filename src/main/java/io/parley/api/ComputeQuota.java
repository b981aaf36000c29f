package io.parley.api;

import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.parley.engine.Cost;
import io.parley.identity.Caller;
import io.parley.identity.CurrentCaller;
import io.parley.identity.Quotas;
import io.parley.identity.Role;
import io.parley.identity.WorkBudget;
import io.parley.ops.Meters;
import io.parley.ops.ParleyConfig;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Charges compute operations to their caller's budget ({@link Quotas}) by the work they ask for, up
 * front (a stream by its whole estimated cost), and states the budget on the answer in the IETF
 * {@code RateLimit-Policy} and {@code RateLimit} fields (draft-ietf-httpapi-ratelimit-headers):
 * {@code RateLimit-Policy: "compute";q=<units per minute>;w=60;qu="evaluation-product-periods"} and
 * {@code RateLimit: "compute";r=<units left>;t=<seconds until full>}. Past the budget, a 429 with
 * Retry-After (seconds until this request fits); a request larger than the whole budget, a 422.
 */
@ApplicationScoped
public class ComputeQuota {

    static final String POLICY_HEADER = "RateLimit-Policy";
    static final String STATE_HEADER = "RateLimit";
    /** The policy's name in both fields. */
    static final String POLICY = "compute";
    /** The quota unit: not one of the draft's registered units (requests, bytes), so named for what it counts. */
    static final String UNIT = "evaluation-product-periods";

    private final boolean enabled;
    private final Quotas quotas;
    private final Clock clock;
    private final CurrentCaller caller;
    private final CurrentVertxRequest request;
    private final Meters meters;

    public ComputeQuota(ParleyConfig config, Clock clock, CurrentCaller caller, CurrentVertxRequest request, Meters meters) {
        this.meters = meters;
        this.enabled = config.quotas().enabled();
        this.quotas = new Quotas(config.quotas().unitsPerMinute(), roleBudgets(config.quotas().roles()));
        this.clock = clock;
        this.caller = caller;
        this.request = request;
    }

    /** Charges one request's work ({@link #charge(List)}). */
    public Charge charge(Cost cost) {
        return charge(List.of(cost));
    }

    /**
     * Charges the work of {@code costs} together to the caller (RateLimit fields on the answer; 429,
     * or 422, past the budget), and once it is let in counts it for the operation asking
     * (ops/Meters): evaluations and product-periods per operation.
     */
    public Charge charge(List<Cost> costs) {
        Charge charge = charge(Cost.units(costs));
        String operation = operation();
        costs.forEach(cost -> meters.charged(operation, cost));
        return charge;
    }

    /** The operation asking, as its path with each numeric id made {@code {id}}: few distinct values, as metrics need. */
    private String operation() {
        RoutingContext context = current();
        return context == null ? "batch" : operationOf(context.request().path());
    }

    static String operationOf(String path) {
        // most operations (evaluate, the analyses) have no numeric segment: no regular expression run for them
        for (int i = path.indexOf('/'); i >= 0 && i + 1 < path.length(); i = path.indexOf('/', i + 1)) {
            char next = path.charAt(i + 1);
            if (next >= '0' && next <= '9') return NUMERIC_SEGMENT.matcher(path).replaceAll("/{id}");
        }
        return path;
    }

    private static final Pattern NUMERIC_SEGMENT = Pattern.compile("/[0-9]+(?=/|$)");

    /**
     * Charges {@code units} of work to the caller, writes the RateLimit fields on the answer, and
     * throws the 429 (or 422) when the budget does not allow them. No caller (a batch run calling in
     * directly) or quotas turned off: nothing is charged.
     *
     * @return the charge, to {@link Charge#refund()} when the work is refused for another reason
     */
    private Charge charge(long units) {
        Caller who = enabled ? caller.get().orElse(null) : null;
        if (who == null) return Charge.NONE;
        WorkBudget.Decision decision = quotas.charge(who, units, clock.millis());
        state(decision);
        switch (decision.outcome()) {
            case ADMITTED -> {
                return part -> quotas.refund(who, Math.min(part, units), clock.millis());
            }
            case OVER_BUDGET -> throw Problem.of(Problem.Kind.QUOTA_EXCEEDED)
                    .detail("this request costs " + units + " units of work (evaluations × product-periods) and "
                            + decision.remaining() + " of the " + decision.capacity() + " per minute of '" + who.name()
                            + "' are left; retry in " + decision.retryAfterSeconds() + " s")
                    .limit(decision.capacity(), units)
                    .exception(Math.toIntExact(decision.retryAfterSeconds()));
            default -> throw Problem.overLimit("", "work in one request, in evaluations × product-periods, against the "
                    + "budget per minute of '" + who.name() + "' (no wait lets it in: ask for fewer evaluations, "
                    + "or split the work)", units, decision.capacity());
        }
    }

    /** Work charged to a caller: given back whole when the work does not run, in part when it did less. */
    @FunctionalInterface
    public interface Charge {
        Charge NONE = part -> { };

        /** Gives back {@code units} of the charge (at most all of it). */
        void giveBack(long units);

        /** Gives back the whole charge: the work did not run. */
        default void refund() {
            giveBack(Long.MAX_VALUE);
        }
    }

    private void state(WorkBudget.Decision d) {
        RoutingContext context = current();
        if (context == null) return;
        context.response().headers()
                .set(POLICY_HEADER, "\"" + POLICY + "\";q=" + d.capacity() + ";w=" + d.windowSeconds() + ";qu=\"" + UNIT + "\"")
                .set(STATE_HEADER, "\"" + POLICY + "\";r=" + d.remaining() + ";t=" + d.resetSeconds());
    }

    private RoutingContext current() {
        try {
            return request.getCurrent();
        } catch (RuntimeException e) {
            return null; // no request context: a batch run or a test calling in directly
        }
    }

    /** parley.quotas.roles.<role>: a name that is no role stops the start, naming it, rather than being ignored. */
    static Map<Role, Long> roleBudgets(Map<String, Long> configured) {
        Map<Role, Long> budgets = new EnumMap<>(Role.class);
        configured.forEach((name, units) -> budgets.put(Role.of(name).orElseThrow(() -> new IllegalArgumentException(
                "parley.quotas.roles." + name + ": '" + name + "' is no role (viewer, manager, analyst, admin)")), units));
        return budgets;
    }
}
