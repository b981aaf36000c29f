-- Account plans and their immutable revisions. Portable between MariaDB and H2 in MariaDB mode:
-- the same migration creates the production store and the embedded default.
CREATE TABLE plan (
    id          BIGINT       NOT NULL AUTO_INCREMENT,
    account     VARCHAR(200) NOT NULL,
    owner       VARCHAR(200) NOT NULL,
    status      VARCHAR(20)  NOT NULL,
    next_review DATE         NULL,
    version     INT          NOT NULL,
    document    LONGTEXT     NOT NULL,
    created_at  TIMESTAMP(6) NOT NULL,
    updated_at  TIMESTAMP(6) NOT NULL,
    PRIMARY KEY (id)
);
CREATE INDEX plan_account ON plan (account);
CREATE INDEX plan_owner ON plan (owner);
CREATE INDEX plan_status ON plan (status);
CREATE INDEX plan_next_review ON plan (next_review);

CREATE TABLE plan_revision (
    id         BIGINT        NOT NULL AUTO_INCREMENT,
    plan_id    BIGINT        NOT NULL,
    revision   INT           NOT NULL,
    author     VARCHAR(200)  NOT NULL,
    message    VARCHAR(1000) NULL,
    created_at TIMESTAMP(6)  NOT NULL,
    document   LONGTEXT      NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT plan_revision_plan FOREIGN KEY (plan_id) REFERENCES plan (id),
    CONSTRAINT plan_revision_number UNIQUE (plan_id, revision)
);
