package io.parley.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;

import org.hibernate.StaleStateException;

import io.parley.identity.Tenancy;
import io.parley.plan.Actual;
import io.parley.plan.PlanChange;
import io.parley.plan.PlanPage;
import io.parley.plan.PlanQuery;
import io.parley.plan.PlanRepository;
import io.parley.plan.PlanScenario;
import io.parley.plan.PlanStatus;
import io.parley.plan.Revision;
import io.parley.plan.StoreUnavailableException;
import io.parley.plan.StoredPlan;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

/**
 * Plans, their revisions, scenarios and actuals in the database, through JPA; callers hold the
 * transaction. Every row carries its tenant, and every lookup names the current one
 * ({@link Tenancy}): another tenant's plan is not found, exactly like a plan that does not exist.
 */
@ApplicationScoped
public class PlanStore implements PanacheRepository<PlanEntity>, PlanRepository {

    @Inject
    Tenancy tenancy;

    @Override
    public StoredPlan insert(PlanChange change, Instant at) {
        PlanEntity e = new PlanEntity();
        e.tenant = tenancy.current();
        write(e, change);
        e.createdAt = at;
        e.updatedAt = at;
        persist(e);
        flush();
        addRevision(e, change, at);
        return view(e);
    }

    @Override
    public Optional<StoredPlan> plan(long id) {
        return byId(id).map(PlanStore::view);
    }

    /** The plan's entity, unlocked. */
    public Optional<PlanEntity> byId(long id) {
        return findByIdOptional(id).filter(this::ofCurrentTenant);
    }

    @Override
    public Optional<StoredPlan> lockPlan(long id) {
        return forUpdate(id).map(PlanStore::view);
    }

    /**
     * The plan's entity, locked for the rest of the transaction so two updates of it run one after the
     * other; empty only when the database says there is no such plan. A
     * {@link PlanRepository.VersionConflict} when this transaction loaded the plan earlier and it has
     * moved on since.
     */
    public Optional<PlanEntity> forUpdate(long id) {
        Optional<PlanEntity> found = versionChecked(() -> findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE));
        if (found.isEmpty()) confirmAbsent(id);
        return found.filter(this::ofCurrentTenant);
    }

    /** Another tenant's plan is, to this one, a plan that does not exist. */
    private boolean ofCurrentTenant(PlanEntity e) {
        return e.tenant.equals(tenancy.current());
    }

    /**
     * Hibernate's {@code find} answers null, logging HHH90010102, when its JDBC call fails in a
     * transaction already marked for rollback: what a connection that died between the pool's check
     * and its enlistment leaves behind. Absence is only told by a transaction that can still commit,
     * and is confirmed by a query, which throws rather than swallows when the database is away.
     */
    private void confirmAbsent(long id) {
        if (QuarkusTransaction.isRollbackOnly()) {
            throw new StoreUnavailableException("the lookup of plan " + id + " failed in a transaction the store "
                    + "has marked for rollback; the plan's existence is not known", null);
        }
        long count = getEntityManager().createQuery("select count(p) from PlanEntity p where p.id = :id and p.tenant = :tenant", Long.class)
                .setParameter("id", id).setParameter("tenant", tenancy.current()).getSingleResult();
        if (count > 0) {
            throw new StoreUnavailableException("the lookup of plan " + id + " found nothing but the plan exists", null);
        }
    }

    @Override
    public StoredPlan revise(long id, PlanChange change, Instant at) {
        PlanEntity e = findById(id); // locked and held in this transaction since lockPlan: no query
        write(e, change);
        e.updatedAt = at;
        versionChecked(() -> {
            flush(); // bumps the version: the new revision's number; a version conflict surfaces here
            return null;
        });
        addRevision(e, change, at);
        return view(e);
    }

    /** Runs {@code work}, turning Hibernate's "the version moved" into a {@link PlanRepository.VersionConflict}. */
    private static <T> T versionChecked(Supplier<T> work) {
        try {
            return work.get();
        } catch (OptimisticLockException e) {
            throw new VersionConflict(e);
        } catch (PersistenceException e) {
            if (e.getCause() instanceof StaleStateException) throw new VersionConflict(e);
            throw e;
        }
    }

    private void addRevision(PlanEntity plan, PlanChange change, Instant at) {
        PlanRevisionEntity r = new PlanRevisionEntity();
        r.planId = plan.id;
        r.tenant = plan.tenant;
        r.revision = number(plan);
        r.author = change.author();
        r.message = change.message();
        r.createdAt = at;
        r.document = change.document();
        getEntityManager().persist(r);
    }

    @Override
    public List<Revision> revisions(long planId) {
        return getEntityManager()
                .createQuery("from PlanRevisionEntity where planId = :plan and tenant = :tenant order by revision",
                        PlanRevisionEntity.class)
                .setParameter("plan", planId).setParameter("tenant", tenancy.current()).getResultStream().map(PlanStore::revision).toList();
    }

    @Override
    public Optional<Revision> revision(long planId, int revision) {
        return getEntityManager()
                .createQuery("from PlanRevisionEntity where planId = :plan and revision = :revision and tenant = :tenant",
                        PlanRevisionEntity.class)
                .setParameter("plan", planId).setParameter("tenant", tenancy.current()).setParameter("revision", revision)
                .getResultStream().findFirst().map(PlanStore::revision);
    }

    @Override
    public PlanScenario addScenario(long planId, String name, String document, Instant at) {
        PlanScenarioEntity e = new PlanScenarioEntity();
        e.planId = planId;
        e.tenant = tenancy.current();
        e.name = name;
        e.agreed = false;
        e.document = document;
        e.createdAt = at;
        getEntityManager().persist(e);
        flush();
        return scenario(e);
    }

    @Override
    public Optional<PlanScenario> agreeOnly(long planId, long scenarioId) {
        PlanScenarioEntity chosen = null;
        for (PlanScenarioEntity s : scenarioEntities(planId)) {
            s.agreed = s.id == scenarioId;
            if (s.agreed) chosen = s;
        }
        return Optional.ofNullable(chosen).map(PlanStore::scenario);
    }

    @Override
    public List<PlanScenario> scenarios(long planId) {
        return scenarioEntities(planId).stream().map(PlanStore::scenario).toList();
    }

    private List<PlanScenarioEntity> scenarioEntities(long planId) {
        return getEntityManager()
                .createQuery("from PlanScenarioEntity where planId = :plan and tenant = :tenant order by id",
                        PlanScenarioEntity.class)
                .setParameter("plan", planId).setParameter("tenant", tenancy.current()).getResultList();
    }

    @Override
    public Optional<PlanScenario> scenario(long planId, long scenarioId) {
        return getEntityManager()
                .createQuery("from PlanScenarioEntity where planId = :plan and id = :id and tenant = :tenant",
                        PlanScenarioEntity.class)
                .setParameter("plan", planId).setParameter("tenant", tenancy.current()).setParameter("id", scenarioId)
                .getResultStream().findFirst().map(PlanStore::scenario);
    }

    @Override
    public List<Actual> actuals(long planId) {
        return getEntityManager()
                .createQuery("from PlanActualEntity where planId = :plan and tenant = :tenant order by period",
                        PlanActualEntity.class)
                .setParameter("plan", planId).setParameter("tenant", tenancy.current()).getResultStream()
                .map(e -> new Actual(e.period, e.netRevenue, e.rebate, e.cogs, e.costToServe, e.volumes)).toList();
    }

    /**
     * One read of the plan's stored periods, then each period updated or added, then one flush. (A
     * query per period made Hibernate flush and dirty-check every entity loaded so far before each
     * one: quadratic, 20,000 periods took half a minute.)
     */
    @Override
    public void putActuals(long planId, List<Actual> actuals, Instant at) {
        Map<Integer, PlanActualEntity> stored = new HashMap<>();
        getEntityManager()
                .createQuery("from PlanActualEntity where planId = :plan and tenant = :tenant", PlanActualEntity.class)
                .setParameter("plan", planId).setParameter("tenant", tenancy.current())
                .getResultStream().forEach(e -> stored.put(e.period, e));
        for (Actual a : actuals) {
            PlanActualEntity e = stored.get(a.period());
            if (e == null) {
                e = new PlanActualEntity();
                e.planId = planId;
                e.tenant = tenancy.current();
                e.period = a.period();
            }
            e.netRevenue = a.netRevenue();
            e.rebate = a.rebate();
            e.cogs = a.cogs();
            e.costToServe = a.costToServe();
            e.volumes = a.volumes();
            e.uploadedAt = at;
            if (!stored.containsKey(a.period())) {
                getEntityManager().persist(e);
                stored.put(a.period(), e);
            }
        }
        flush();
    }

    @Override
    public boolean deleteActual(long planId, int period) {
        return getEntityManager().createQuery("delete from PlanActualEntity where planId = :plan and period = :period and tenant = :tenant")
                .setParameter("plan", planId).setParameter("tenant", tenancy.current()).setParameter("period", period).executeUpdate() > 0;
    }

    @Override
    public PlanPage page(PlanQuery query) {
        PlanQuery.Filter filter = query.filter();
        List<String> where = new ArrayList<>(List.of("tenant = :tenant"));
        Map<String, Object> parameters = new HashMap<>(Map.of("tenant", tenancy.current()));
        // names compare in lower case: MariaDB's collation ignores case, H2's comparison does not
        if (filter.account() != null) {
            where.add("lower(account) = :account");
            parameters.put("account", filter.account().toLowerCase(Locale.ROOT));
        }
        if (filter.owner() != null) {
            where.add("lower(owner) = :owner");
            parameters.put("owner", filter.owner().toLowerCase(Locale.ROOT));
        }
        if (filter.search() != null) {
            // the text is a literal, not a pattern: % and _ in a name match themselves
            where.add("locate(:search, lower(account)) > 0");
            parameters.put("search", filter.search().toLowerCase(Locale.ROOT));
        }
        if (filter.status() != null) {
            where.add("status = :status");
            parameters.put("status", filter.status().apiName);
        }
        if (filter.nextReviewBefore() != null) {
            where.add("nextReview < :before");
            parameters.put("before", filter.nextReviewBefore());
        }
        // every sort's API name is the entity field's name
        String field = query.sort().apiName;
        Sort sort = (query.descending() ? Sort.descending(field) : Sort.ascending(field)).and("id");
        PanacheQuery<PlanEntity> found = find(String.join(" and ", where), sort, parameters);
        List<StoredPlan> items = found.page(Page.of(query.page(), query.size())).stream().map(PlanStore::view).toList();
        return new PlanPage(items, found.count());
    }

    private static void write(PlanEntity e, PlanChange change) {
        e.account = change.account();
        e.owner = change.owner();
        e.status = change.status().apiName;
        e.nextReview = change.nextReview();
        e.document = change.document();
    }

    private static StoredPlan view(PlanEntity e) {
        return new StoredPlan(e.id, number(e), e.account, e.owner, PlanStatus.byName(e.status).orElseThrow(),
                e.nextReview, e.createdAt, e.updatedAt, e.document);
    }

    /** Revisions are numbered from 1; the version counts from 0. */
    private static int number(PlanEntity e) {
        return e.version + 1;
    }

    private static Revision revision(PlanRevisionEntity r) {
        return new Revision(r.revision, r.author, r.createdAt, r.message, r.document);
    }

    private static PlanScenario scenario(PlanScenarioEntity e) {
        return new PlanScenario(e.id, e.planId, e.name, e.agreed, e.createdAt, e.document);
    }
}
