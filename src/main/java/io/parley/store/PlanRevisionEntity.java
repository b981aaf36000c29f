package io.parley.store;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One immutable revision of a plan: who changed it, when, why, and the whole plan as it then stood. */
@Entity
@Table(name = "plan_revision")
public class PlanRevisionEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The organisation it belongs to; only its callers see it. */
    @Column(nullable = false, length = 64)
    public String tenant;

    @Column(name = "plan_id", nullable = false)
    public long planId;

    @Column(nullable = false)
    public int revision;

    @Column(nullable = false, length = 200)
    public String author;

    @Column(length = 1000)
    public String message;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    // LONGTEXT: MariaDB reports it as a long VARCHAR, H2 (MariaDB mode) as a VARCHAR; both validate as text
    @JdbcTypeCode(SqlTypes.LONGVARCHAR)
    @Column(nullable = false, columnDefinition = "LONGTEXT")
    public String document;
}
