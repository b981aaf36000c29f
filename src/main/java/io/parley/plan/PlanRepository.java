package io.parley.plan;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where account plans are kept: the port this package needs and {@code store} implements, so that
 * only the store knows how. Callers hold the transaction; every method runs inside theirs.
 */
public interface PlanRepository {

    /** Stores a new plan at revision 1, with that revision. */
    StoredPlan insert(PlanChange change, Instant at);

    Optional<StoredPlan> plan(long id);

    /**
     * The plan, locked for the rest of the transaction so two changes of it run one after the other;
     * empty only when the database confirms there is no such plan.
     *
     * @throws VersionConflict when this transaction loaded the plan earlier and it has moved on since
     * @throws StoreUnavailableException when the lookup failed and absence cannot be told
     */
    Optional<StoredPlan> lockPlan(long id);

    /**
     * Writes {@code change} over the plan locked by {@link #lockPlan} and keeps it as the next revision.
     *
     * @throws VersionConflict when another writer's change was written first
     */
    StoredPlan revise(long id, PlanChange change, Instant at);

    List<Revision> revisions(long planId);

    Optional<Revision> revision(long planId, int number);

    /** Stores a scenario with the plan, not agreed. */
    PlanScenario addScenario(long planId, String name, String document, Instant at);

    /** Marks the scenario agreed and every other scenario of the plan not; empty when the plan has no such scenario. */
    Optional<PlanScenario> agreeOnly(long planId, long scenarioId);

    List<PlanScenario> scenarios(long planId);

    Optional<PlanScenario> scenario(long planId, long scenarioId);

    /** The plan's actuals, by period. */
    List<Actual> actuals(long planId);

    /** Stores each period's actuals, replacing what was uploaded for that period before. */
    void putActuals(long planId, List<Actual> actuals, Instant at);

    /** Removes a period's actuals; false when there were none. */
    boolean deleteActual(long planId, int period);

    /** One page of the plans {@code query} keeps, and how many it keeps in all. */
    PlanPage page(PlanQuery query);

    /** Someone else's change was written first: the plan's revision moved under this transaction. */
    final class VersionConflict extends RuntimeException {
        public VersionConflict(Throwable cause) {
            super(cause);
        }
    }
}
