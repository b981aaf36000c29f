package io.parley.store;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One entry of the audit trail, as stored (V8). */
@Entity
@Table(name = "audit_entry")
public class AuditEntryEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, length = 64)
    public String tenant;

    @Column(name = "recorded_at", nullable = false)
    public Instant at;

    @Column(name = "caller_subject", nullable = false, length = 255)
    public String callerSubject;

    @Column(name = "caller_name", nullable = false, length = 255)
    public String callerName;

    @Column(nullable = false, length = 40)
    public String operation;

    @Column(nullable = false, length = 100)
    public String target;

    @Column
    public Integer revision;

    @Column(name = "client_address", length = 64)
    public String clientAddress;
}
