package io.parley.identity;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The work budget of every caller (issue 14, item 3): each caller (an API key, a token's subject, a
 * spreadsheet link; {@link Caller#key()}) has a {@link WorkBudget} of its own, sized by the largest
 * budget any of its roles is given, else the default. The budgets live in this process's memory: each
 * replica keeps its own, so behind a load balancer a caller may spend up to one budget per replica
 * (docs/security.md).
 */
public final class Quotas {

    /** The window every budget refills in: budgets are stated per minute. */
    public static final long WINDOW_MILLIS = 60_000;

    /**
     * Callers' budgets held before full ones (the same as new) are forgotten: it bounds the memory a
     * stream of distinct callers can take, ~100 bytes each.
     */
    static final int FORGET_FULL_PAST = 10_000;

    private final long defaultBudget;
    private final Map<Role, Long> roleBudgets;
    private final Map<String, WorkBudget> budgets = new ConcurrentHashMap<>();

    /**
     * @param defaultBudget units per minute of a caller none of whose roles has a budget of its own (≥ 1)
     * @param roleBudgets   units per minute for the roles that have one (each ≥ 1)
     */
    public Quotas(long defaultBudget, Map<Role, Long> roleBudgets) {
        if (defaultBudget < 1) {
            throw new IllegalArgumentException("the default budget must be ≥ 1 unit per minute: " + defaultBudget);
        }
        roleBudgets.forEach((role, units) -> {
            if (units == null || units < 1) {
                throw new IllegalArgumentException("the budget of the role '" + role.apiName()
                        + "' must be ≥ 1 unit per minute: " + units);
            }
        });
        this.defaultBudget = defaultBudget;
        this.roleBudgets = Map.copyOf(roleBudgets);
    }

    /** Units per minute {@code caller} may spend: the largest budget of its roles, else the default. */
    public long budgetOf(Caller caller) {
        return caller.roles().stream().filter(roleBudgets::containsKey).mapToLong(roleBudgets::get).max()
                .orElse(defaultBudget);
    }

    /** Charges {@code units} of work to {@code caller} at {@code now} (milliseconds), or refuses them. */
    public WorkBudget.Decision charge(Caller caller, long units, long now) {
        if (budgets.size() > FORGET_FULL_PAST) {
            budgets.values().removeIf(b -> b.isFull(now));
        }
        long capacity = budgetOf(caller);
        // a caller whose roles changed gets a budget of the new size, full
        WorkBudget budget = budgets.compute(caller.key(), (key, old) ->
                old != null && old.capacity() == capacity ? old : new WorkBudget(capacity, WINDOW_MILLIS, now));
        return budget.take(units, now);
    }

    /** Gives back units charged for work that was then refused for another reason (the service was busy). */
    public void refund(Caller caller, long units, long now) {
        WorkBudget budget = budgets.get(caller.key());
        if (budget != null) budget.giveBack(units, now);
    }

    /** Callers whose budgets are held now (for tests). */
    int held() {
        return budgets.size();
    }
}
