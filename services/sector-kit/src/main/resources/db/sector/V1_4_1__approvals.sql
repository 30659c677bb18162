-- The reporting cycle (审核确认, docs/reporting-cycle.md): each data set of this sector — a district's figures for one year,
-- its enterprises' and its quarters' and months' included — and where it stands. A data set without a row is OPEN.
-- A report or revision for a data set that is not OPEN is refused (ReportIngestor, under the district-year's advisory lock).
CREATE TABLE data_set (
    org_unit   TEXT        NOT NULL,
    year       INT         NOT NULL,
    state      TEXT        NOT NULL CHECK (state IN ('OPEN', 'SUBMITTED', 'APPROVED', 'ACCEPTED')),
    -- the number of transitions so far: the version of the approvals.v1 event
    version    BIGINT      NOT NULL,
    changed_at TIMESTAMPTZ NOT NULL,
    changed_by TEXT        NOT NULL,
    role       TEXT        NOT NULL,
    comment    TEXT,
    PRIMARY KEY (org_unit, year)
);

-- Every transition, as it was published on approvals.v1: the audit of who did what, when and why.
CREATE TABLE data_set_transition (
    id         BIGSERIAL   PRIMARY KEY,
    org_unit   TEXT        NOT NULL,
    year       INT         NOT NULL,
    version    BIGINT      NOT NULL,
    action     TEXT        NOT NULL CHECK (action IN ('SUBMIT', 'APPROVE', 'RETURN', 'ACCEPT', 'REOPEN')),
    from_state TEXT        NOT NULL,
    to_state   TEXT        NOT NULL,
    actor      TEXT        NOT NULL,
    role       TEXT        NOT NULL,
    comment    TEXT,
    event_id   UUID        NOT NULL UNIQUE,
    changed_at TIMESTAMPTZ NOT NULL,
    UNIQUE (org_unit, year, version)
);
CREATE INDEX data_set_transition_year ON data_set_transition (year, org_unit, version);

-- A flagged value (IMPLAUSIBLE_CHANGE) is acknowledged by the district's reviewer with a comment before the data set can be
-- approved: the reviewer has checked the figure with the bureau.
ALTER TABLE report_flag ADD COLUMN acknowledged_at TIMESTAMPTZ;
ALTER TABLE report_flag ADD COLUMN acknowledged_by TEXT;
ALTER TABLE report_flag ADD COLUMN acknowledgement TEXT;
ALTER TABLE report_flag ADD CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL) AND (acknowledged_at IS NULL) = (acknowledgement IS NULL));
