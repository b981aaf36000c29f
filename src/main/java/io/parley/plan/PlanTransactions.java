package io.parley.plan;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.parley.identity.AuditOperation;
import io.parley.identity.AuditTrail;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Each change of a plan as one transaction. Every change writes an immutable revision in the same
 * transaction. An update names the revision it was based on; it is refused when the plan has moved
 * on since, and the plan row is locked for the update, so two managers editing at once never
 * overwrite each other silently: exactly one of them wins, the other is told. Called through
 * {@link PlanService}, which runs a transaction again when the database chose it as a deadlock's victim.
 * Each change is recorded in the audit trail in its own transaction, so the entry commits with it.
 */
@ApplicationScoped
class PlanTransactions {

    private final PlanRepository repository;
    private final AuditTrail audit;

    PlanTransactions(PlanRepository repository, AuditTrail audit) {
        this.repository = repository;
        this.audit = audit;
    }

    @Transactional
    StoredPlan create(PlanChange change) {
        return recorded(AuditOperation.PLAN_CREATE, repository.insert(change, now()));
    }

    @Transactional
    Optional<StoredPlan> update(long id, int basedOn, PlanChange change) {
        return change(id, basedOn, current -> Optional.of(change)).map(p -> recorded(AuditOperation.PLAN_UPDATE, p));
    }

    /** An archive of an archived plan writes no revision, and is recorded all the same: it was asked for. */
    @Transactional
    Optional<StoredPlan> archive(long id, int basedOn, String author, String message, UnaryOperator<String> markArchived) {
        return change(id, basedOn, current -> current.status() == PlanStatus.ARCHIVED ? Optional.empty()
                : Optional.of(new PlanChange(current.account(), current.owner(), PlanStatus.ARCHIVED,
                        current.nextReview(), markArchived.apply(current.document()), author, message)))
                .map(p -> recorded(AuditOperation.PLAN_ARCHIVE, p));
    }

    private StoredPlan recorded(AuditOperation operation, StoredPlan plan) {
        audit.record(operation, "plans/" + plan.id(), OptionalInt.of(plan.revision()));
        return plan;
    }

    /**
     * Every change's way: lock the plan, check it is at {@code basedOn}, and store the change that
     * {@code next} makes of it as the next revision; when {@code next} makes none, the plan as it is.
     */
    private Optional<StoredPlan> change(long id, int basedOn, Function<StoredPlan, Optional<PlanChange>> next) {
        try {
            Optional<StoredPlan> found = repository.lockPlan(id);
            if (found.isEmpty()) return Optional.empty();
            StoredPlan current = found.get();
            // compare with the revision the client loaded: the store's own check uses the one loaded here
            if (current.revision() != basedOn) throw new StaleRevisionException(basedOn, current.revision());
            Optional<PlanChange> change = next.apply(current);
            if (change.isEmpty()) return found;
            return Optional.of(repository.revise(id, change.get(), now()));
        } catch (PlanRepository.VersionConflict lateConflict) {
            // Rare: the plan was loaded in this transaction before another writer committed, so the
            // check above compared with an old revision, and the lock or the flush found out. This
            // transaction is lost, and what it loaded is not what won: ask the database again.
            throw new StaleRevisionException(basedOn, committedRevision(id).orElseThrow());
        }
    }

    /**
     * The plan's latest committed revision, read in a transaction of its own: called from inside a
     * transaction that a conflict has doomed, it answers what the winner wrote, not what the loser
     * loaded. Empty when there is no such plan.
     */
    OptionalInt committedRevision(long id) {
        return QuarkusTransaction.requiringNew().call(() -> repository.plan(id)
                .map(p -> OptionalInt.of(p.revision())).orElse(OptionalInt.empty()));
    }

    @Transactional
    Optional<PlanScenario> addScenario(long planId, String name, boolean agreed, String document) {
        if (repository.lockPlan(planId).isEmpty()) return Optional.empty();
        PlanScenario added = repository.addScenario(planId, name, document, now());
        audit.record(AuditOperation.SCENARIO_CREATE, scenario(planId, added.id()), OptionalInt.empty());
        // a plan has at most one agreed scenario
        return agreed ? repository.agreeOnly(planId, added.id()) : Optional.of(added);
    }

    @Transactional
    Optional<PlanScenario> agree(long planId, long scenarioId) {
        if (repository.lockPlan(planId).isEmpty()) return Optional.empty();
        Optional<PlanScenario> agreed = repository.agreeOnly(planId, scenarioId);
        agreed.ifPresent(s -> audit.record(AuditOperation.SCENARIO_AGREE, scenario(planId, s.id()), OptionalInt.empty()));
        return agreed;
    }

    /** One entry per upload, naming the plan's actuals; the periods uploaded are in the plan's actuals, not the trail. */
    @Transactional
    Optional<List<Actual>> putActuals(long planId, List<Actual> actuals) {
        if (repository.lockPlan(planId).isEmpty()) return Optional.empty();
        repository.putActuals(planId, actuals, now());
        audit.record(AuditOperation.ACTUALS_PUT, "plans/" + planId + "/actuals", OptionalInt.empty());
        return Optional.of(repository.actuals(planId));
    }

    @Transactional
    Optional<Boolean> deleteActual(long planId, int period) {
        if (repository.lockPlan(planId).isEmpty()) return Optional.empty();
        boolean deleted = repository.deleteActual(planId, period);
        if (deleted) audit.record(AuditOperation.ACTUALS_DELETE, "plans/" + planId + "/actuals/" + period, OptionalInt.empty());
        return Optional.of(deleted);
    }

    private static String scenario(long planId, long scenarioId) {
        return "plans/" + planId + "/scenarios/" + scenarioId;
    }

    /** Microseconds: what TIMESTAMP(6) keeps, so a value reads back as written. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
