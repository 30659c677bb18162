-- Pilots and designations (试点示范) of org units: the registry service owns them (entity PilotEntity) and publishes
-- every change on the compacted topic pilots.v1. A pilot's programme and clause come from project-catalogue.yaml.
CREATE TABLE pilot (
    code            TEXT        PRIMARY KEY,
    -- the city, a district, a park or an enterprise, as the programme allows
    org_unit        TEXT        NOT NULL,
    programme       TEXT        NOT NULL,
    clause          INTEGER     NOT NULL,
    industry        TEXT,
    level           TEXT        NOT NULL CHECK (level IN ('NATIONAL', 'PROVINCIAL', 'CITY')),
    year_designated INTEGER,
    status          TEXT        NOT NULL CHECK (status IN ('APPLIED', 'DESIGNATED', 'ACCEPTED', 'REVOKED')),
    document        TEXT,
    -- the entity's @Version: optimistic locking, the ETag of the API and the version of the pilots.v1 event
    version         BIGINT      NOT NULL,
    changed_at      TIMESTAMPTZ NOT NULL,
    changed_by      TEXT        NOT NULL
);
CREATE INDEX pilot_org_unit ON pilot (org_unit);
