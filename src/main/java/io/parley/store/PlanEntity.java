package io.parley.store;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import jakarta.persistence.Version;

/**
 * The current state of an account plan: the indexed fields a list filters on, and the whole plan as
 * a JSON document.
 */
@Entity
@Table(name = "plan")
public class PlanEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The organisation it belongs to; only its callers see it. */
    @Column(nullable = false, length = 64)
    public String tenant;

    @Column(nullable = false, length = 200)
    public String account;

    @Column(nullable = false, length = 200)
    public String owner;

    @Column(nullable = false, length = 20)
    public String status;

    @Column(name = "next_review")
    public LocalDate nextReview;

    /** The optimistic lock: 0 for the first revision, so the latest revision's number is version + 1. */
    @Version
    @Column(nullable = false)
    public int version;

    // LONGTEXT: MariaDB reports it as a long VARCHAR, H2 (MariaDB mode) as a VARCHAR; both validate as text
    @JdbcTypeCode(SqlTypes.LONGVARCHAR)
    @Column(nullable = false, columnDefinition = "LONGTEXT")
    public String document;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
