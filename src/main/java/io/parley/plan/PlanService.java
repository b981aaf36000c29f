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

import io.parley.store.PlanEntity;
import io.parley.store.PlanActualEntity;
import io.parley.store.PlanRevisionEntity;
import io.parley.store.PlanScenarioEntity;
import io.parley.store.PlanStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;

/**
 * Creates, changes and reads account plans. Every change writes an immutable revision in the same
 * transaction. An update names the revision it was based on; it is refused when the plan has moved
 * on since, and the plan row is locked for the update, so two managers editing at once never
 * overwrite each other silently: exactly one of them wins, the other is told.
 */
@ApplicationScoped
public class PlanService {

    private final PlanStore store;

    public PlanService(PlanStore store) {
        this.store = store;
    }

    @Transactional
    public StoredPlan create(PlanChange change) {
        Instant now = now();
        PlanEntity e = new PlanEntity();
        write(e, change);
        e.createdAt = now;
        e.updatedAt = now;
        store.insert(e);
        revise(e, change, now);
        return view(e);
    }

    public Optional<StoredPlan> read(long id) {
        return store.byId(id).map(PlanService::view);
    }

    /**
     * Replaces the plan, if it is still at revision {@code basedOn}.
     *
     * @throws StaleRevisionException when another change came first
     */
    @Transactional
    public Optional<StoredPlan> update(long id, int basedOn, PlanChange change) {
        return change(id, basedOn, current -> Optional.of(change));
    }

    /**
     * Archives the plan, if it is still at revision {@code basedOn}: a revision like any other change,
     * its document {@code markArchived} applied to the current one. A plan that is archived already
     * is answered as it is, and no revision is written, so archiving twice is archiving once.
     *
     * @throws StaleRevisionException when another change came first
     */
    @Transactional
    public Optional<StoredPlan> archive(long id, int basedOn, String author, String message,
                                       UnaryOperator<String> markArchived) {
        return change(id, basedOn, current -> current.status() == PlanStatus.ARCHIVED ? Optional.empty()
                : Optional.of(new PlanChange(current.account(), current.owner(), PlanStatus.ARCHIVED,
                        current.nextReview(), markArchived.apply(current.document()), author, message)));
    }

    /**
     * Every change's way: lock the plan, check it is at {@code basedOn}, and store the change that
     * {@code next} makes of it as the next revision; when {@code next} makes none, the plan as it is.
     */
    private Optional<StoredPlan> change(long id, int basedOn, Function<StoredPlan, Optional<PlanChange>> next) {
        try {
            Optional<PlanEntity> found = store.forUpdate(id);
            if (found.isEmpty()) return Optional.empty();
            PlanEntity e = found.get();
            // compare with the revision the client loaded: Hibernate's own check uses the one loaded here
            if (number(e) != basedOn) throw new StaleRevisionException(basedOn, number(e));
            Optional<PlanChange> change = next.apply(view(e));
            if (change.isEmpty()) return Optional.of(view(e));
            write(e, change.get());
            Instant now = now();
            e.updatedAt = now;
            store.flushChecked(); // bumps the version: the new revision's number
            revise(e, change.get(), now);
            return Optional.of(view(e));
        } catch (PlanStore.VersionConflict lateConflict) {
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
    public OptionalInt committedRevision(long id) {
        return QuarkusTransaction.requiringNew().call(() -> store.byId(id)
                .map(e -> OptionalInt.of(number(e))).orElse(OptionalInt.empty()));
    }

    public List<Revision> revisions(long id) {
        return store.revisions(id).stream().map(PlanService::revision).toList();
    }

    public Optional<Revision> revision(long id, int number) {
        return store.revision(id, number).map(PlanService::revision);
    }

    /**
     * Stores a scenario with the plan; marking it agreed clears the mark on the others (a plan has
     * at most one agreed scenario). Empty when the plan does not exist.
     */
    @Transactional
    public Optional<PlanScenario> addScenario(long planId, String name, boolean agreed, String document) {
        if (store.forUpdate(planId).isEmpty()) return Optional.empty();
        if (agreed) store.scenarios(planId).forEach(s -> s.agreed = false);
        PlanScenarioEntity e = new PlanScenarioEntity();
        e.planId = planId;
        e.name = name;
        e.agreed = agreed;
        e.document = document;
        e.createdAt = now();
        store.addScenario(e);
        store.flush();
        return Optional.of(scenario(e));
    }

    /** Marks one scenario as the agreed one (and no other). */
    @Transactional
    public Optional<PlanScenario> agree(long planId, long scenarioId) {
        if (store.forUpdate(planId).isEmpty() || store.scenario(planId, scenarioId).isEmpty()) return Optional.empty();
        PlanScenarioEntity chosen = null;
        for (PlanScenarioEntity s : store.scenarios(planId)) {
            s.agreed = s.id == scenarioId;
            if (s.agreed) chosen = s;
        }
        return Optional.ofNullable(chosen).map(PlanService::scenario);
    }

    public List<PlanScenario> scenarios(long planId) {
        return store.scenarios(planId).stream().map(PlanService::scenario).toList();
    }

    public Optional<PlanScenario> scenario(long planId, long scenarioId) {
        return store.scenario(planId, scenarioId).map(PlanService::scenario);
    }

    private static PlanScenario scenario(PlanScenarioEntity e) {
        return new PlanScenario(e.id, e.planId, e.name, e.agreed, e.createdAt, e.document);
    }

    /** Stores actuals (a period uploaded again replaces the earlier figures). Empty when the plan does not exist. */
    @Transactional
    public Optional<List<Actual>> putActuals(long planId, List<Actual> actuals) {
        if (store.forUpdate(planId).isEmpty()) return Optional.empty();
        Instant now = now();
        for (Actual a : actuals) {
            PlanActualEntity e = new PlanActualEntity();
            e.planId = planId;
            e.period = a.period();
            e.netRevenue = a.netRevenue();
            e.rebate = a.rebate();
            e.cogs = a.cogs();
            e.costToServe = a.costToServe();
            e.volumes = a.volumes();
            e.uploadedAt = now;
            store.putActual(e);
        }
        store.flush();
        return Optional.of(actuals(planId));
    }

    /**
     * Withdraws a period's actuals (uploaded by mistake: a wrong period number, say).
     *
     * @return empty when the plan does not exist, else whether the period had actuals
     */
    @Transactional
    public Optional<Boolean> deleteActual(long planId, int period) {
        if (store.forUpdate(planId).isEmpty()) return Optional.empty();
        return Optional.of(store.deleteActual(planId, period));
    }

    public List<Actual> actuals(long planId) {
        return store.actuals(planId).stream()
                .map(e -> new Actual(e.period, e.netRevenue, e.rebate, e.cogs, e.costToServe, e.volumes)).toList();
    }

    /** The plan's agreed scenario, if one is marked. */
    public Optional<PlanScenario> agreedScenario(long planId) {
        return scenarios(planId).stream().filter(PlanScenario::agreed).findFirst();
    }

    /** One page of plans. */
    public record Page(List<StoredPlan> items, long total) {
    }

    public Page list(PlanStore.Filter filter, String sortField, boolean descending, int page, int size) {
        Sort sort = (descending ? Sort.descending(sortField) : Sort.ascending(sortField)).and("id");
        PlanStore.Found found = store.find(filter, sort, page, size);
        return new Page(found.items().stream().map(PlanService::view).toList(), found.total());
    }

    private static void write(PlanEntity e, PlanChange change) {
        e.account = change.account();
        e.owner = change.owner();
        e.status = change.status().apiName;
        e.nextReview = change.nextReview();
        e.document = change.document();
    }

    private void revise(PlanEntity e, PlanChange change, Instant at) {
        PlanRevisionEntity r = new PlanRevisionEntity();
        r.planId = e.id;
        r.revision = number(e);
        r.author = change.author();
        r.message = change.message();
        r.createdAt = at;
        r.document = change.document();
        store.addRevision(r);
    }

    private static StoredPlan view(PlanEntity e) {
        return new StoredPlan(e.id, number(e), e.account, e.owner, PlanStatus.byName(e.status).orElseThrow(),
                e.nextReview, e.createdAt, e.updatedAt, e.document);
    }

    /** Revisions are numbered from 1. */
    private static int number(PlanEntity e) {
        return e.version + 1;
    }

    private static Revision revision(PlanRevisionEntity r) {
        return new Revision(r.revision, r.author, r.createdAt, r.message, r.document);
    }

    /** Microseconds: what TIMESTAMP(6) keeps, so a value reads back as written. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
