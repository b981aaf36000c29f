-- The negotiation scenarios that belong to a plan; at most one is marked as the agreed one.
CREATE TABLE plan_scenario (
    id         BIGINT       NOT NULL AUTO_INCREMENT,
    plan_id    BIGINT       NOT NULL,
    name       VARCHAR(200) NOT NULL,
    agreed     BOOLEAN      NOT NULL,
    document   LONGTEXT     NOT NULL,
    created_at TIMESTAMP(6) NOT NULL,
    PRIMARY KEY (id),
    CONSTRAINT plan_scenario_plan FOREIGN KEY (plan_id) REFERENCES plan (id)
);
CREATE INDEX plan_scenario_of_plan ON plan_scenario (plan_id);
