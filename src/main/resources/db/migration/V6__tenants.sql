-- Every stored thing belongs to a tenant (an organisation); a caller sees only its tenant's. Rows
-- stored before callers were identified belong to the embedded default's tenant, 'default'.
ALTER TABLE plan ADD COLUMN tenant VARCHAR(64) NOT NULL DEFAULT 'default';
ALTER TABLE plan_revision ADD COLUMN tenant VARCHAR(64) NOT NULL DEFAULT 'default';
ALTER TABLE plan_scenario ADD COLUMN tenant VARCHAR(64) NOT NULL DEFAULT 'default';
ALTER TABLE plan_actual ADD COLUMN tenant VARCHAR(64) NOT NULL DEFAULT 'default';
ALTER TABLE idempotency_key ADD COLUMN tenant VARCHAR(64) NOT NULL DEFAULT 'default';
CREATE INDEX plan_of_tenant ON plan (tenant);
