package io.parley.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.CriteriaUpdate;
import jakarta.persistence.criteria.Root;
import jakarta.transaction.Transactional;

import io.parley.identity.ApiKey;
import io.parley.identity.ApiKeyRepository;
import io.parley.identity.Role;
import io.quarkus.hibernate.orm.panache.PanacheRepository;

/**
 * API keys in the table {@code api_key}; every method is its own transaction.
 * <p>
 * The three queries on the way to a restarted service's first answer (the administrator check at start, a
 * key's look-up and its last-use stamp on the first call) are built as criteria, not HQL: the first HQL
 * string a process parses loads and warms Hibernate's ANTLR parser, an eighth of the start's main thread
 * and a quarter of its first request (docs/performance.md). Both forms give Hibernate the same query tree.
 */
@ApplicationScoped
public class ApiKeyStore implements PanacheRepository<ApiKeyEntity>, ApiKeyRepository {

    @Override
    @Transactional
    public Optional<ApiKey> byHash(String secretHash) {
        // from ApiKeyEntity where secretHash = :secretHash
        CriteriaBuilder cb = getEntityManager().getCriteriaBuilder();
        CriteriaQuery<ApiKeyEntity> query = cb.createQuery(ApiKeyEntity.class);
        Root<ApiKeyEntity> key = query.from(ApiKeyEntity.class);
        query.where(cb.equal(key.get("secretHash"), secretHash));
        return getEntityManager().createQuery(query).setMaxResults(1).getResultList().stream().findFirst()
                .map(ApiKeyStore::view);
    }

    @Override
    @Transactional
    public ApiKey create(String secretHash, String name, String tenant, Set<Role> roles, Optional<Instant> expiresAt,
                         String createdBy, Instant at) {
        ApiKeyEntity e = new ApiKeyEntity();
        e.issue(tenant, secretHash, expiresAt, createdBy, at);
        e.name = name;
        e.roles = roles.stream().sorted().map(Role::apiName).collect(Collectors.joining(","));
        persist(e);
        return view(e);
    }

    @Override
    @Transactional
    public List<ApiKey> list(String tenant) {
        return find("tenant = ?1 order by id", tenant).stream().map(ApiKeyStore::view).toList();
    }

    @Override
    @Transactional
    public Optional<ApiKey> find(String tenant, long id) {
        return find("tenant = ?1 and id = ?2", tenant, id).firstResultOptional().map(ApiKeyStore::view);
    }

    @Override
    @Transactional
    public Optional<ApiKey> revoke(String tenant, long id, Instant at) {
        Optional<ApiKeyEntity> found = find("tenant = ?1 and id = ?2", tenant, id).firstResultOptional();
        found.ifPresent(e -> e.revoke(at));
        return found.map(ApiKeyStore::view);
    }

    @Override
    @Transactional
    public void markUsed(long id, Instant at) {
        // update ApiKeyEntity set lastUsedAt = :at where id = :id
        CriteriaBuilder cb = getEntityManager().getCriteriaBuilder();
        CriteriaUpdate<ApiKeyEntity> update = cb.createCriteriaUpdate(ApiKeyEntity.class);
        Root<ApiKeyEntity> key = update.from(ApiKeyEntity.class);
        update.set(key.<Instant>get("lastUsedAt"), at).where(cb.equal(key.get("id"), id));
        getEntityManager().createQuery(update).executeUpdate();
    }

    @Override
    @Transactional
    public boolean hasAdministrator(String tenant, Instant now) {
        // from ApiKeyEntity where tenant = :tenant and revokedAt is null and (expiresAt is null or expiresAt > :now)
        CriteriaBuilder cb = getEntityManager().getCriteriaBuilder();
        CriteriaQuery<ApiKeyEntity> query = cb.createQuery(ApiKeyEntity.class);
        Root<ApiKeyEntity> key = query.from(ApiKeyEntity.class);
        query.where(cb.equal(key.get("tenant"), tenant), cb.isNull(key.get("revokedAt")),
                cb.or(cb.isNull(key.get("expiresAt")), cb.greaterThan(key.<Instant>get("expiresAt"), now)));
        return getEntityManager().createQuery(query).getResultList().stream().map(ApiKeyStore::view)
                .anyMatch(k -> k.roles().contains(Role.ADMIN));
    }

    private static ApiKey view(ApiKeyEntity e) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Arrays.stream(e.roles.split(",")).map(Role::of).flatMap(Optional::stream).forEach(roles::add);
        return new ApiKey(e.id, e.name, e.tenant, roles, e.createdAt, e.createdBy, Optional.ofNullable(e.expiresAt),
                Optional.ofNullable(e.revokedAt), Optional.ofNullable(e.lastUsedAt));
    }
}
