-- Key projects (重点工程) and pilots (试点示范) as the registry service publishes them on projects.v1 and pilots.v1
-- (issue 16): the latest version of each code, the event as received (validated: ProjectEventValidator). A record of a
-- version not above the stored one changes nothing (redelivery, or a replay of the compacted topic). The recompute counts
-- the projects' verified reductions as E5 (KeyProjectReductions); the unit synergy and the assessment report show the
-- pilots and the projects' progress.
CREATE TABLE project (
    code        TEXT        PRIMARY KEY,
    version     BIGINT      NOT NULL,
    org_unit    TEXT        NOT NULL,
    event       TEXT        NOT NULL,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE pilot (
    code        TEXT        PRIMARY KEY,
    version     BIGINT      NOT NULL,
    org_unit    TEXT        NOT NULL,
    event       TEXT        NOT NULL,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
