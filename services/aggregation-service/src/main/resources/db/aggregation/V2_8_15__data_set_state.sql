-- The official view (issue 15): the state of each data set — a sector's figures of one district for one year — as the
-- sector services publish its transitions on approvals.v1 (ApprovalConsumer). The version is the data set's transition
-- count: a record of a version not above the stored one changes nothing (redelivery, or a replay of the compacted topic).
-- The official results are computed from the facts of the ACCEPTED data sets only; the latest from every fact, as before.
CREATE TABLE data_set_state (
    sector      TEXT        NOT NULL,
    org_unit    TEXT        NOT NULL,
    year        INT         NOT NULL,
    state       TEXT        NOT NULL CHECK (state IN ('OPEN', 'SUBMITTED', 'APPROVED', 'ACCEPTED')),
    version     BIGINT      NOT NULL,
    changed_at  TIMESTAMPTZ NOT NULL,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (sector, org_unit, year)
);

-- One more with every transaction that accepted a data set or took its acceptance back: the official table of facts
-- (IndicatorTables) is built again when the facts' version or this one moved.
ALTER TABLE fact_version ADD COLUMN data_sets BIGINT NOT NULL DEFAULT 0;

-- A result per org unit, year and view ('latest': every fact; 'official': the accepted data sets' facts only), each with
-- the count of data sets accepted of those expected for the unit and year (the same in both views).
ALTER TABLE result ADD COLUMN view TEXT NOT NULL DEFAULT 'latest' CHECK (view IN ('latest', 'official'));
ALTER TABLE result ADD COLUMN data_sets_accepted INT;
ALTER TABLE result ADD COLUMN data_sets_expected INT;
ALTER TABLE result DROP CONSTRAINT result_pkey;
ALTER TABLE result ADD PRIMARY KEY (org_unit, year, view);

-- Every stored result gains its count and an official twin: recompute them all at the first start.
INSERT INTO recompute_request (year) SELECT min(year) FROM indicator_fact HAVING count(*) > 0;
