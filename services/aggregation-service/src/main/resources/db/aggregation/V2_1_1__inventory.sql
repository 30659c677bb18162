-- The integrated emission inventory (clause 二十二; docs/inventory.md).

-- The emission-factor library, versioned: a version is a complete, immutable set of net calorific values and factors.
-- Version 1 is the shipped library (emission-factors.yaml), stored at the first start; later versions are posted by the
-- ecology bureau (POST /api/v1/inventory/factors) and replace the whole set.
CREATE TABLE inventory_factor_version (
    version          INT         PRIMARY KEY CHECK (version > 0),
    description      TEXT        NOT NULL,
    previous_version INT         REFERENCES inventory_factor_version (version),
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    created_by       TEXT        NOT NULL
);

CREATE TABLE inventory_ncv (
    version    INT              NOT NULL REFERENCES inventory_factor_version (version),
    row_no     INT              NOT NULL,
    fuel       TEXT             NOT NULL,
    value      DOUBLE PRECISION NOT NULL CHECK (value > 0),
    unit       TEXT             NOT NULL,
    source     TEXT             NOT NULL,
    valid_from INT              NOT NULL,
    valid_to   INT,
    PRIMARY KEY (version, row_no)
);

CREATE TABLE inventory_factor (
    version    INT              NOT NULL REFERENCES inventory_factor_version (version),
    row_no     INT              NOT NULL,
    gas        TEXT             NOT NULL,
    activity   TEXT             NOT NULL,
    sector     TEXT,                                  -- NULL: every sector; a sector's own row wins
    factor     DOUBLE PRECISION NOT NULL CHECK (factor > 0),
    unit       TEXT             NOT NULL,
    source     TEXT             NOT NULL,
    valid_from INT              NOT NULL,
    valid_to   INT,
    example    BOOLEAN          NOT NULL,             -- a demonstration value the bureau must confirm or replace
    PRIMARY KEY (version, row_no)
);

-- Figures as they stood before a factor revision changed them: when version N+1 is stored, the inventory of every org
-- unit and year whose figures it changes is computed with version N and kept here, with the answer's whole document.
-- Current figures are computed on demand from the facts with the newest version; this table is their past.
CREATE TABLE inventory_history (
    id             BIGSERIAL   PRIMARY KEY,
    org_unit       TEXT        NOT NULL,
    year           INT         NOT NULL,
    factor_version INT         NOT NULL REFERENCES inventory_factor_version (version),
    superseded_by  INT         NOT NULL REFERENCES inventory_factor_version (version),
    superseded_at  TIMESTAMPTZ NOT NULL,
    body           JSONB       NOT NULL,
    UNIQUE (org_unit, year, factor_version)
);

CREATE INDEX inventory_history_unit_year ON inventory_history (org_unit, year, superseded_at DESC);
