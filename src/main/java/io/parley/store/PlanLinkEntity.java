package io.parley.store;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A spreadsheet link as stored: its token's SHA-256, never the token. */
@Entity
@Table(name = "plan_link")
public class PlanLinkEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 64)
    public String tenant;

    @Column(name = "plan_id", nullable = false)
    public long planId;

    @Column(name = "scenario_id")
    public Long scenarioId;

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
}
