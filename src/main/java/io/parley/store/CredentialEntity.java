package io.parley.store;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

/**
 * The columns every stored credential has, an API key as much as a spreadsheet link: its tenant, its
 * secret's SHA-256 (never the secret), who issued it and when, and when it expires or was revoked.
 */
@MappedSuperclass
public abstract class CredentialEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 64)
    public String tenant;

    @Column(name = "secret_hash", nullable = false, length = 64, columnDefinition = "CHAR(64)")
    public String secretHash;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false, length = 200)
    public String createdBy;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    /** Issued to {@code tenant} by {@code createdBy} at {@code at}; it opens nothing once {@code expiresAt} is past. */
    void issue(String tenant, String secretHash, Optional<Instant> expiresAt, String createdBy, Instant at) {
        this.tenant = tenant;
        this.secretHash = secretHash;
        this.expiresAt = expiresAt.orElse(null);
        this.createdBy = createdBy;
        this.createdAt = at;
    }

    /** Revoked at {@code at}, unless it already was: the first revocation is the one kept. */
    void revoke(Instant at) {
        if (revokedAt == null) revokedAt = at;
    }
}
