-- One counter per year of what the list of flagged values (GET /api/v1/reports?flag=…) shows of that year: raised in the
-- transaction that inserts flags of the year, supersedes a report revision of the year (its flags leave the list) or
-- acknowledges a flag of the year, as its last statement. The read side keeps the list's pages tagged with the counter
-- (every year's together for a page of every period) and computes a page anew once it moved, on every replica.
CREATE TABLE flag_version (
    year    INT    PRIMARY KEY,
    version BIGINT NOT NULL
);
