-- Reports as received: every revision is kept (the history), and the result it produced.
CREATE TABLE report (
    report_id    TEXT        NOT NULL,
    revision     INT         NOT NULL,
    source       TEXT        NOT NULL,
    org_unit     TEXT        NOT NULL,
    period       TEXT        NOT NULL,
    content_hash TEXT        NOT NULL,
    -- CURRENT: its values are the report's; SUPERSEDED: a higher revision replaced it; STALE: arrived after a higher one
    status       TEXT        NOT NULL,
    channel      TEXT        NOT NULL,
    received_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    body         JSONB       NOT NULL,
    result       JSONB,
    PRIMARY KEY (report_id, revision)
);
CREATE INDEX report_unit_period ON report (org_unit, period);

-- The current value of each data element for each district and period (DHIS2's data value).
CREATE TABLE data_value (
    data_element TEXT             NOT NULL,
    org_unit     TEXT             NOT NULL,
    period       TEXT             NOT NULL,
    year         INT              NOT NULL,
    value        DOUBLE PRECISION NOT NULL,
    report_id    TEXT             NOT NULL,
    revision     INT              NOT NULL,
    updated_at   TIMESTAMPTZ      NOT NULL DEFAULT now(),
    PRIMARY KEY (data_element, org_unit, period)
);
CREATE INDEX data_value_unit_year ON data_value (org_unit, year);

-- Annual indicator values as last published, with their per-key revision (the events' revision).
CREATE TABLE indicator_value (
    code        TEXT             NOT NULL,
    org_unit    TEXT             NOT NULL,
    year        INT              NOT NULL,
    kind        TEXT             NOT NULL,
    value       DOUBLE PRECISION,
    numerator   DOUBLE PRECISION,
    denominator DOUBLE PRECISION,
    complete    BOOLEAN          NOT NULL,
    revision    BIGINT           NOT NULL,
    report_id   TEXT,
    updated_at  TIMESTAMPTZ      NOT NULL DEFAULT now(),
    PRIMARY KEY (code, org_unit, year)
);
