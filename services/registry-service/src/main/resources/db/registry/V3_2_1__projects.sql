-- Key projects (重点工程) of the plan: the registry service owns them (entity ProjectEntity) and publishes every change,
-- whole, on the compacted topic projects.v1. A project's type and clause come from project-catalogue.yaml (shared-model).
CREATE TABLE project (
    code                  TEXT        PRIMARY KEY,
    name_zh               TEXT        NOT NULL,
    name_en               TEXT        NOT NULL DEFAULT '',
    type                  TEXT        NOT NULL,
    clause                INTEGER     NOT NULL,
    -- a district, park or enterprise of the registry
    org_unit              TEXT        NOT NULL,
    lead_department       TEXT        NOT NULL,
    responsible_units     TEXT[]      NOT NULL DEFAULT '{}',
    start_year            INTEGER     NOT NULL,
    completion_year       INTEGER,
    status                TEXT        NOT NULL CHECK (status IN ('PLANNED', 'UNDER_CONSTRUCTION', 'COMPLETED', 'CANCELLED')),
    verification_document TEXT,
    -- the entity's @Version: optimistic locking, the ETag of the API and the version of the projects.v1 event
    version               BIGINT      NOT NULL,
    changed_at            TIMESTAMPTZ NOT NULL,
    changed_by            TEXT        NOT NULL
);
CREATE INDEX project_org_unit ON project (org_unit);

-- Every status a project had, in order, each with the day it took effect: the status at the end of any year (progress,
-- E5) is read from it.
CREATE TABLE project_status (
    project  TEXT    NOT NULL REFERENCES project (code),
    position INTEGER NOT NULL,
    status   TEXT    NOT NULL CHECK (status IN ('PLANNED', 'UNDER_CONSTRUCTION', 'COMPLETED', 'CANCELLED')),
    since    DATE    NOT NULL,
    PRIMARY KEY (project, position)
);

-- The planned and verified annual reduction of each substance a project records, t/a.
CREATE TABLE project_reduction (
    project   TEXT          NOT NULL REFERENCES project (code),
    position  INTEGER       NOT NULL,
    substance TEXT          NOT NULL CHECK (substance IN ('NOX', 'VOCS', 'SO2', 'PM', 'COD', 'NH3N', 'CO2')),
    planned   NUMERIC(16, 6) CHECK (planned >= 0),
    verified  NUMERIC(16, 6) CHECK (verified >= 0),
    PRIMARY KEY (project, position)
);
