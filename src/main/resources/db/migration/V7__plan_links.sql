-- Spreadsheet links: read-only tokens for one plan (or one of its scenarios), given as ?link= on the
-- plan's text/plain and CSV reads. Only the SHA-256 of each token is kept.
CREATE TABLE plan_link (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    tenant       VARCHAR(64)  NOT NULL,
    plan_id      BIGINT       NOT NULL,
    scenario_id  BIGINT       NULL,
    secret_hash  CHAR(64)     NOT NULL,
    created_at   TIMESTAMP(6) NOT NULL,
    created_by   VARCHAR(200) NOT NULL,
    expires_at   TIMESTAMP(6) NULL,
    revoked_at   TIMESTAMP(6) NULL,
    PRIMARY KEY (id),
    CONSTRAINT plan_link_secret UNIQUE (secret_hash)
);
CREATE INDEX plan_link_of_plan ON plan_link (tenant, plan_id);
