-- The audit trail: one row per write (plans, scenarios, actuals, API keys, spreadsheet links),
-- inserted in the write's own transaction, so a row exists exactly when the write committed.
-- Never a secret: keys and links are named by their id only.
CREATE TABLE audit_entry (
    id             BIGINT       NOT NULL AUTO_INCREMENT,
    tenant         VARCHAR(64)  NOT NULL,
    recorded_at    TIMESTAMP(6) NOT NULL,
    caller_subject VARCHAR(255) NOT NULL,
    caller_name    VARCHAR(255) NOT NULL,
    operation      VARCHAR(40)  NOT NULL,
    target         VARCHAR(100) NOT NULL,
    revision       INT          NULL,
    client_address VARCHAR(64)  NULL,
    PRIMARY KEY (id)
);
CREATE INDEX audit_entry_of_tenant ON audit_entry (tenant, id);
