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

/** The actual figures of one period; volumes per product as a JSON object. */
@Entity
@Table(name = "plan_actual")
public class PlanActualEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The organisation it belongs to; only its callers see it. */
    @Column(nullable = false, length = 64)
    public String tenant;

    @Column(name = "plan_id", nullable = false)
    public long planId;

    @Column(nullable = false)
    public int period;

    @Column(name = "net_revenue", nullable = false)
    public double netRevenue;

    @Column(nullable = false)
    public double rebate;

    @Column(nullable = false)
    public double cogs;

    @Column(name = "cost_to_serve", nullable = false)
    public double costToServe;

    @JdbcTypeCode(SqlTypes.LONGVARCHAR)
    @Column(nullable = false, columnDefinition = "LONGTEXT")
    public String volumes;

    @Column(name = "uploaded_at", nullable = false)
    public Instant uploadedAt;
}
