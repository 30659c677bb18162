-- Targets allocated to org units (目标分解, issue 15), as the registry service publishes them on targets.v1: per
-- (indicator, org unit) the version last applied and every allocation of that version. A record of a version not above
-- the stored one changes nothing (redelivery, or a replay of the compacted topic). The recompute judges attainment by
-- them, with the plan's targets and the catalogue's defaults where none applies (TargetRules).
CREATE TABLE target_key (
    indicator   TEXT        NOT NULL,
    org_unit    TEXT        NOT NULL,
    version     BIGINT      NOT NULL,
    changed_at  TIMESTAMPTZ NOT NULL,
    changed_by  TEXT        NOT NULL,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (indicator, org_unit)
);

CREATE TABLE target_allocation (
    indicator      TEXT             NOT NULL,
    org_unit       TEXT             NOT NULL,
    effective_from DATE             NOT NULL,
    value          DOUBLE PRECISION NOT NULL,
    target_year    INTEGER          NOT NULL,
    document       TEXT             NOT NULL,
    set_by         TEXT             NOT NULL,
    set_at         TIMESTAMPTZ      NOT NULL,
    PRIMARY KEY (indicator, org_unit, effective_from),
    FOREIGN KEY (indicator, org_unit) REFERENCES target_key (indicator, org_unit) ON DELETE CASCADE
);

-- A recompute request may name one org unit: a target changes that unit's attainment and no other unit's, so the
-- recompute computes that unit from the year on. NULL, as before: every unit.
ALTER TABLE recompute_request ADD COLUMN org_unit TEXT;
