-- Values accepted but flagged for review (IMPLAUSIBLE_CHANGE: beyond synergy.sector.plausibility.max-ratio of the same
-- period a year earlier), kept with the revision that carried them so that approvers can list and acknowledge them.
CREATE TABLE report_flag (
    id              BIGSERIAL        PRIMARY KEY,
    report_id       TEXT             NOT NULL,
    revision        INT              NOT NULL,
    flag            TEXT             NOT NULL,
    data_element    TEXT             NOT NULL,
    org_unit        TEXT             NOT NULL,
    period          TEXT             NOT NULL,
    year            INT              NOT NULL,
    value           DOUBLE PRECISION NOT NULL,
    previous_period TEXT             NOT NULL,
    previous_value  DOUBLE PRECISION NOT NULL,
    flagged_at      TIMESTAMPTZ      NOT NULL DEFAULT now(),
    FOREIGN KEY (report_id, revision) REFERENCES report (report_id, revision)
);
-- the review list: one flag, one year, in the order flagged (its cursor is the id)
CREATE INDEX report_flag_review ON report_flag (flag, year, id);
CREATE INDEX report_flag_revision ON report_flag (report_id, revision);
