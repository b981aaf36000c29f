package io.parley.store;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A spreadsheet link as stored: a credential that reads one plan, or one scenario of it. */
@Entity
@Table(name = "plan_link")
public class PlanLinkEntity extends CredentialEntity {

    @Column(name = "plan_id", nullable = false)
    public long planId;

    @Column(name = "scenario_id")
    public Long scenarioId;
}
