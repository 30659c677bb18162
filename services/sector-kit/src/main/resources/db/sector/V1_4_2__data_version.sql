-- One counter per year, raised by every ingest transaction that changes a data value of that year, as its last statement
-- (so the row is held only until the commit). The read side keeps its computed answers for a year (indicators,
-- completeness) tagged with the counter they were computed at and recomputes when it moved: a report is visible in the
-- next read on every replica, since the counter commits with the values and lives in the database every replica reads.
CREATE TABLE data_version (
    year    INT    PRIMARY KEY,
    version BIGINT NOT NULL
);
