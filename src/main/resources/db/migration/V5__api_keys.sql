-- API keys of systems that call the service: only the SHA-256 of each secret is kept. Roles are a
-- comma-separated list of role names (viewer, manager, analyst, admin).
CREATE TABLE api_key (
    id           BIGINT       NOT NULL AUTO_INCREMENT,
    tenant       VARCHAR(64)  NOT NULL,
    name         VARCHAR(200) NOT NULL,
    secret_hash  CHAR(64)     NOT NULL,
    roles        VARCHAR(100) NOT NULL,
    created_at   TIMESTAMP(6) NOT NULL,
    created_by   VARCHAR(200) NOT NULL,
    expires_at   TIMESTAMP(6) NULL,
    revoked_at   TIMESTAMP(6) NULL,
    last_used_at TIMESTAMP(6) NULL,
    PRIMARY KEY (id),
    CONSTRAINT api_key_secret UNIQUE (secret_hash)
);
CREATE INDEX api_key_of_tenant ON api_key (tenant);
