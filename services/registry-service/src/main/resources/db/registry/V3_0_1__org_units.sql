-- The registry of parks (园区) and enterprises (企业): the registry service owns it (entity OrgUnitEntity) and publishes
-- every change to the compacted topic org-units.v1. The city, districts and groups are fixed (org-units.yaml), not
-- stored here. Same table as the aggregation's former org_unit (V2_0_6 there), so a CSV export of it imports as is.
CREATE TABLE org_unit (
    code              TEXT        PRIMARY KEY,
    level             TEXT        NOT NULL CHECK (level IN ('PARK', 'ENTERPRISE')),
    name_zh           TEXT        NOT NULL,
    name_en           TEXT        NOT NULL DEFAULT '',
    parent            TEXT        NOT NULL,
    industry_section  TEXT,
    industry_division TEXT,
    flags             TEXT[]      NOT NULL DEFAULT '{}',
    closed            BOOLEAN     NOT NULL DEFAULT false,
    -- the entity's @Version: optimistic locking, the ETag of the API and the version of the org-units.v1 event
    version           BIGINT      NOT NULL,
    changed_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    changed_by        TEXT        NOT NULL
);
CREATE INDEX org_unit_parent ON org_unit (parent);
