-- The first answer to a creating request sent with an Idempotency-Key, kept 24 hours so a retry with
-- the same key is given it again instead of writing twice. Keys are per caller: every caller is
-- 'anonymous' until callers are identified. Written in the transaction of the write it answers.
CREATE TABLE idempotency_key (
    caller          VARCHAR(200)  NOT NULL,
    idempotency_key VARCHAR(255)  NOT NULL,
    fingerprint     CHAR(64)      NOT NULL,
    status          INT           NOT NULL,
    location        VARCHAR(500)  NULL,
    etag            VARCHAR(100)  NULL,
    body            LONGTEXT      NOT NULL,
    kept_at         TIMESTAMP(6)  NOT NULL,
    PRIMARY KEY (caller, idempotency_key)
);
CREATE INDEX idempotency_key_kept_at ON idempotency_key (kept_at);
