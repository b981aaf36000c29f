package io.parley.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.parley.identity.LinkRepository;
import io.parley.identity.LinkScope;
import io.parley.identity.SpreadsheetLink;
import io.quarkus.hibernate.orm.panache.PanacheRepository;

/** Spreadsheet links in the table {@code plan_link}; every method joins the caller's transaction, or runs in one of its own. */
@ApplicationScoped
public class PlanLinkStore implements PanacheRepository<PlanLinkEntity>, LinkRepository {

    @Override
    @Transactional
    public Optional<SpreadsheetLink> byHash(String secretHash) {
        return find("secretHash", secretHash).firstResultOptional().map(PlanLinkStore::view);
    }

    @Override
    @Transactional
    public SpreadsheetLink create(String secretHash, String tenant, LinkScope scope, Optional<Instant> expiresAt,
                                  String createdBy, Instant at) {
        PlanLinkEntity e = new PlanLinkEntity();
        e.issue(tenant, secretHash, expiresAt, createdBy, at);
        e.planId = scope.planId();
        e.scenarioId = scope.scenarioId().isPresent() ? scope.scenarioId().getAsLong() : null;
        persist(e);
        return view(e);
    }

    @Override
    @Transactional
    public List<SpreadsheetLink> ofPlan(String tenant, long planId) {
        return find("tenant = ?1 and planId = ?2 order by id", tenant, planId).stream().map(PlanLinkStore::view).toList();
    }

    @Override
    @Transactional
    public Optional<SpreadsheetLink> revoke(String tenant, long planId, long id, Instant at) {
        Optional<PlanLinkEntity> found = find("tenant = ?1 and planId = ?2 and id = ?3", tenant, planId, id)
                .firstResultOptional();
        found.ifPresent(e -> e.revoke(at));
        return found.map(PlanLinkStore::view);
    }

    private static SpreadsheetLink view(PlanLinkEntity e) {
        LinkScope scope = new LinkScope(e.planId, e.scenarioId == null ? OptionalLong.empty() : OptionalLong.of(e.scenarioId));
        return new SpreadsheetLink(e.id, e.tenant, scope, e.createdAt, e.createdBy, Optional.ofNullable(e.expiresAt),
                Optional.ofNullable(e.revokedAt));
    }
}
