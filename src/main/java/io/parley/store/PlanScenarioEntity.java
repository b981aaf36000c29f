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

/** A scenario stored with a plan: its name, whether it is the agreed one, and the scenario document. */
@Entity
@Table(name = "plan_scenario")
public class PlanScenarioEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The organisation it belongs to; only its callers see it. */
    @Column(nullable = false, length = 64)
    public String tenant;

    @Column(name = "plan_id", nullable = false)
    public long planId;

    @Column(nullable = false, length = 200)
    public String name;

    @Column(nullable = false)
    public boolean agreed;

    @JdbcTypeCode(SqlTypes.LONGVARCHAR)
    @Column(nullable = false, columnDefinition = "LONGTEXT")
    public String document;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
