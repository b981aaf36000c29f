-- Actual figures of a plan's account per period of its agreed scenario, uploaded as execution proceeds.
CREATE TABLE plan_actual (
    id            BIGINT       NOT NULL AUTO_INCREMENT,
    plan_id       BIGINT       NOT NULL,
    period        INT          NOT NULL,
    net_revenue   DOUBLE       NOT NULL,
    rebate        DOUBLE       NOT NULL,
    cogs          DOUBLE       NOT NULL,
    cost_to_serve DOUBLE       NOT NULL,
    volumes       LONGTEXT     NOT NULL,
    uploaded_at   TIMESTAMP(6) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT plan_actual_plan FOREIGN KEY (plan_id) REFERENCES plan (id),
    CONSTRAINT plan_actual_period UNIQUE (plan_id, period)
);
