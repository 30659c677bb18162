-- The latest value of each sector indicator / published data element per district and year, as received.
-- Upserts keep the highest revision: a duplicate or an older event changes nothing.
CREATE TABLE indicator_fact (
    code        TEXT             NOT NULL,
    org_unit    TEXT             NOT NULL,
    year        INT              NOT NULL,
    sector      TEXT             NOT NULL,
    kind        TEXT             NOT NULL,
    value       DOUBLE PRECISION,
    numerator   DOUBLE PRECISION,
    denominator DOUBLE PRECISION,
    unit        TEXT,
    complete    BOOLEAN          NOT NULL,
    revision    BIGINT           NOT NULL,
    event_id    UUID             NOT NULL,
    report_id   TEXT,
    computed_at TIMESTAMPTZ      NOT NULL,
    received_at TIMESTAMPTZ      NOT NULL DEFAULT now(),
    PRIMARY KEY (code, org_unit, year)
);

-- Years whose results must be recomputed; rows are claimed by the one instance holding the recompute lock.
CREATE TABLE recompute_request (
    year         INT PRIMARY KEY,
    requested_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One result document per org unit and year (attainment, synergy, effects), as last published.
CREATE TABLE result (
    org_unit    TEXT        NOT NULL,
    year        INT         NOT NULL,
    body        JSONB       NOT NULL,
    statuses    JSONB       NOT NULL,
    digest      TEXT        NOT NULL,
    version     BIGINT      NOT NULL,
    computed_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (org_unit, year)
);
