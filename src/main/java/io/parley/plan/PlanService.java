package io.parley.plan;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Creates, changes and reads account plans: the one way in for the shell. Each change is one
 * transaction ({@link PlanTransactions}) that writes a revision, run again when the database chose
 * it as a deadlock's victim ({@link Deadlocks}): the retry wraps the whole transaction, since a
 * retry inside it would achieve nothing once the database has rolled it back.
 */
@ApplicationScoped
public class PlanService {

    private final PlanTransactions transactions;
    private final PlanRepository repository;
    private final IdempotentWrites idempotent;

    PlanService(PlanTransactions transactions, PlanRepository repository, IdempotentWrites idempotent) {
        this.transactions = transactions;
        this.repository = repository;
        this.idempotent = idempotent;
    }

    public StoredPlan create(PlanChange change) {
        return Deadlocks.retry(() -> transactions.create(change));
    }

    /** Creates the plan once per key: a retry with the key is given {@code answerTo}'s first answer again. */
    public KeptAnswer create(PlanChange change, IdempotencyKey key, Function<StoredPlan, KeptAnswer> answerTo) {
        return idempotent.once(key, () -> transactions.create(change), answerTo);
    }

    public Optional<StoredPlan> read(long id) {
        return repository.plan(id);
    }

    /**
     * Replaces the plan, if it is still at revision {@code basedOn}; empty when there is no such plan.
     *
     * @throws StaleRevisionException when another change came first
     */
    public Optional<StoredPlan> update(long id, int basedOn, PlanChange change) {
        return Deadlocks.retry(() -> transactions.update(id, basedOn, change));
    }

    /**
     * Archives the plan, if it is still at revision {@code basedOn}: a revision like any other change,
     * its document {@code markArchived} applied to the current one. A plan that is archived already
     * is answered as it is, and no revision is written, so archiving twice is archiving once.
     *
     * @throws StaleRevisionException when another change came first
     */
    public Optional<StoredPlan> archive(long id, int basedOn, String author, String message,
                                       UnaryOperator<String> markArchived) {
        return Deadlocks.retry(() -> transactions.archive(id, basedOn, author, message, markArchived));
    }

    /**
     * The plan's latest committed revision, read in a transaction of its own (so from inside a doomed
     * one it answers what the winner wrote). Empty when there is no such plan.
     */
    public OptionalInt committedRevision(long id) {
        return transactions.committedRevision(id);
    }

    public List<Revision> revisions(long id) {
        return repository.revisions(id);
    }

    public Optional<Revision> revision(long id, int number) {
        return repository.revision(id, number);
    }

    /**
     * Stores a scenario with the plan; marking it agreed clears the mark on the others (a plan has
     * at most one agreed scenario). Empty when the plan does not exist.
     */
    public Optional<PlanScenario> addScenario(long planId, String name, boolean agreed, String document) {
        return Deadlocks.retry(() -> transactions.addScenario(planId, name, agreed, document));
    }

    /** Stores the scenario once per key; {@code answerTo} is given empty when the plan does not exist. */
    public KeptAnswer addScenario(long planId, String name, boolean agreed, String document, IdempotencyKey key,
                                  Function<Optional<PlanScenario>, KeptAnswer> answerTo) {
        return idempotent.once(key, () -> transactions.addScenario(planId, name, agreed, document), answerTo);
    }

    /** Marks one scenario as the agreed one (and no other); empty when the plan or the scenario does not exist. */
    public Optional<PlanScenario> agree(long planId, long scenarioId) {
        return Deadlocks.retry(() -> transactions.agree(planId, scenarioId));
    }

    public List<PlanScenario> scenarios(long planId) {
        return repository.scenarios(planId);
    }

    public Optional<PlanScenario> scenario(long planId, long scenarioId) {
        return repository.scenario(planId, scenarioId);
    }

    /** The plan's agreed scenario, if one is marked. */
    public Optional<PlanScenario> agreedScenario(long planId) {
        return scenarios(planId).stream().filter(PlanScenario::agreed).findFirst();
    }

    /**
     * Stores actuals (a period uploaded again replaces the earlier figures) and answers all the plan's
     * actuals. Empty when the plan does not exist.
     */
    public Optional<List<Actual>> putActuals(long planId, List<Actual> actuals) {
        return Deadlocks.retry(() -> transactions.putActuals(planId, actuals));
    }

    /** Stores the actuals once per key; {@code answerTo} is given empty when the plan does not exist. */
    public KeptAnswer putActuals(long planId, List<Actual> actuals, IdempotencyKey key,
                                 Function<Optional<List<Actual>>, KeptAnswer> answerTo) {
        return idempotent.once(key, () -> transactions.putActuals(planId, actuals), answerTo);
    }

    /**
     * Withdraws a period's actuals (uploaded by mistake: a wrong period number, say).
     *
     * @return empty when the plan does not exist, else whether the period had actuals
     */
    public Optional<Boolean> deleteActual(long planId, int period) {
        return Deadlocks.retry(() -> transactions.deleteActual(planId, period));
    }

    public List<Actual> actuals(long planId) {
        return repository.actuals(planId);
    }

    /** One page of plans. */
    public PlanPage list(PlanQuery query) {
        return repository.page(query);
    }
}
