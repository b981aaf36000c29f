package io.parley.store;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

/** Plans and their revisions in the database; callers hold the transaction. */
@ApplicationScoped
public class PlanStore implements PanacheRepository<PlanEntity> {

    /** A list query's filters; null fields do not filter. */
    /**
     * What a list keeps; null parts keep everything. {@code account} and {@code owner} are whole names
     * and {@code search} a part of the account's name, all ignoring case, alike on MariaDB (whose
     * collation ignores case) and H2 (whose comparison does not).
     */
    public record Filter(String account, String owner, String status, LocalDate nextReviewBefore, String search) {
    }

    public Optional<PlanEntity> byId(long id) {
        return findByIdOptional(id);
    }

    /**
     * The plan, locked for the rest of the transaction so two updates of it run one after the other.
     * A {@link VersionConflict} when this transaction loaded the plan earlier and it has moved on since.
     */
    public Optional<PlanEntity> forUpdate(long id) {
        return versionChecked(() -> findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE));
    }

    public PlanEntity insert(PlanEntity plan) {
        persist(plan);
        flush();
        return plan;
    }

    /** Someone else's change was written first (the optimistic lock's version moved). */
    public static final class VersionConflict extends RuntimeException {
        public VersionConflict(Throwable cause) {
            super(cause);
        }
    }

    /** Writes pending changes now; a version conflict surfaces here, inside the caller's transaction. */
    public void flushChecked() {
        versionChecked(() -> {
            flush();
            return null;
        });
    }

    /** Runs {@code work}, turning Hibernate's "the version moved" into a {@link VersionConflict}. */
    private static <T> T versionChecked(Supplier<T> work) {
        try {
            return work.get();
        } catch (jakarta.persistence.OptimisticLockException e) {
            throw new VersionConflict(e);
        } catch (jakarta.persistence.PersistenceException e) {
            if (e.getCause() instanceof org.hibernate.StaleStateException) throw new VersionConflict(e);
            throw e;
        }
    }

    public void addRevision(PlanRevisionEntity revision) {
        getEntityManager().persist(revision);
    }

    public List<PlanRevisionEntity> revisions(long planId) {
        return getEntityManager()
                .createQuery("from PlanRevisionEntity where planId = :plan order by revision", PlanRevisionEntity.class)
                .setParameter("plan", planId).getResultList();
    }

    public Optional<PlanRevisionEntity> revision(long planId, int revision) {
        return getEntityManager()
                .createQuery("from PlanRevisionEntity where planId = :plan and revision = :revision", PlanRevisionEntity.class)
                .setParameter("plan", planId).setParameter("revision", revision)
                .getResultStream().findFirst();
    }

    public void addScenario(PlanScenarioEntity scenario) {
        getEntityManager().persist(scenario);
    }

    public List<PlanScenarioEntity> scenarios(long planId) {
        return getEntityManager()
                .createQuery("from PlanScenarioEntity where planId = :plan order by id", PlanScenarioEntity.class)
                .setParameter("plan", planId).getResultList();
    }

    public Optional<PlanScenarioEntity> scenario(long planId, long scenarioId) {
        return getEntityManager()
                .createQuery("from PlanScenarioEntity where planId = :plan and id = :id", PlanScenarioEntity.class)
                .setParameter("plan", planId).setParameter("id", scenarioId)
                .getResultStream().findFirst();
    }

    /** The actuals of a plan, by period. */
    public List<PlanActualEntity> actuals(long planId) {
        return getEntityManager()
                .createQuery("from PlanActualEntity where planId = :plan order by period", PlanActualEntity.class)
                .setParameter("plan", planId).getResultList();
    }

    /** Stores a period's actuals, replacing what was uploaded for that period before. */
    public void putActual(PlanActualEntity actual) {
        getEntityManager()
                .createQuery("from PlanActualEntity where planId = :plan and period = :period", PlanActualEntity.class)
                .setParameter("plan", actual.planId).setParameter("period", actual.period)
                .getResultStream().findFirst().ifPresentOrElse(existing -> {
                    existing.netRevenue = actual.netRevenue;
                    existing.rebate = actual.rebate;
                    existing.cogs = actual.cogs;
                    existing.costToServe = actual.costToServe;
                    existing.volumes = actual.volumes;
                    existing.uploadedAt = actual.uploadedAt;
                }, () -> getEntityManager().persist(actual));
    }

    /** Removes a period's actuals; false when there were none. */
    public boolean deleteActual(long planId, int period) {
        return getEntityManager().createQuery("delete from PlanActualEntity where planId = :plan and period = :period")
                .setParameter("plan", planId).setParameter("period", period).executeUpdate() > 0;
    }

    /** One page of plans, and how many match in all. */
    public record Found(List<PlanEntity> items, long total) {
    }

    public Found find(Filter filter, Sort sort, int page, int size) {
        List<String> where = new ArrayList<>();
        Map<String, Object> parameters = new HashMap<>();
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
            parameters.put("status", filter.status());
        }
        if (filter.nextReviewBefore() != null) {
            where.add("nextReview < :before");
            parameters.put("before", filter.nextReviewBefore());
        }
        PanacheQuery<PlanEntity> query = where.isEmpty() ? findAll(sort) : find(String.join(" and ", where), sort, parameters);
        return new Found(query.page(Page.of(page, size)).list(), query.count());
    }
}
