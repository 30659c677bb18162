-- Deadlines and reminders (截止日期与提醒, issue 15). The registry owns the due dates of the data sets (a sector's figures
-- of one district for one year), keeps the state of each data set as the sector services publish it on approvals.v1,
-- and remembers which reminders its daily job published on reminders.v1.

-- when a sector's figures of a period are due: ANNUAL by a month-day of the following year, QUARTER and MONTH a number
-- of days after the period ends; its @Version is the API's ETag
CREATE TABLE deadline_rule (
    sector      TEXT        NOT NULL,
    period_type TEXT        NOT NULL CHECK (period_type IN ('ANNUAL', 'QUARTER', 'MONTH')),
    month_day   TEXT        CHECK (month_day ~ '^[0-9]{2}-[0-9]{2}$'),
    days_after  INTEGER     CHECK (days_after BETWEEN 0 AND 366),
    version     BIGINT      NOT NULL,
    changed_at  TIMESTAMPTZ NOT NULL,
    changed_by  TEXT        NOT NULL,
    PRIMARY KEY (sector, period_type),
    CHECK ((period_type = 'ANNUAL') = (month_day IS NOT NULL)),
    CHECK ((period_type = 'ANNUAL') = (days_after IS NULL))
);
INSERT INTO deadline_rule (sector, period_type, month_day, days_after, version, changed_at, changed_by)
SELECT s, t.period_type, t.month_day, t.days_after, 1, now(), 'flyway'
FROM unnest(ARRAY['energy', 'transport', 'building', 'agriculture', 'waste']) AS s,
     (VALUES ('ANNUAL', '03-31', NULL::INTEGER), ('QUARTER', NULL, 20), ('MONTH', NULL, 15)) AS t (period_type, month_day, days_after);

-- the latest state of each data set that approvals.v1 named (none: OPEN); version is the event's, a lower one is ignored
CREATE TABLE data_set_state (
    sector     TEXT        NOT NULL,
    org_unit   TEXT        NOT NULL,
    year       INTEGER     NOT NULL,
    state      TEXT        NOT NULL CHECK (state IN ('OPEN', 'SUBMITTED', 'APPROVED', 'ACCEPTED')),
    version    BIGINT      NOT NULL,
    actor      TEXT        NOT NULL,
    changed_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (sector, org_unit, year)
);

-- the reminders published, at most one per data set and day: the key decides when the job runs twice or on several
-- replicas at once
CREATE TABLE reminder_sent (
    sector   TEXT        NOT NULL,
    org_unit TEXT        NOT NULL,
    year     INTEGER     NOT NULL,
    day      DATE        NOT NULL,
    event_id UUID        NOT NULL,
    sent_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (sector, org_unit, year, day)
);
