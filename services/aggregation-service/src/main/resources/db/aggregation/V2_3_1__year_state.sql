-- The state of each year (docs/method.md §3, "Complete years and the provisional year"): COMPLETE when every indicator
-- of the synergy set is complete for the city, CLOSED when an operator closed it with what it has, PROVISIONAL
-- otherwise. Only COMPLETE and CLOSED ("settled") years enter the evaluation window of other years.
-- The recompute writes every year's counts on each pass; a settled year stays settled, with who settled it, when, why
-- and which indicators it had then. Another way of settling a year records COMPLETE here the same way
-- (YearStateStore.settle) and requests a recompute from that year.
CREATE TABLE year_state (
    year                INT         PRIMARY KEY,
    state               TEXT        NOT NULL CHECK (state IN ('COMPLETE', 'CLOSED', 'PROVISIONAL')),
    indicators_in       INT         NOT NULL,
    indicators_expected INT         NOT NULL,
    districts_in        INT         NOT NULL,
    districts_expected  INT         NOT NULL,
    missing             TEXT        NOT NULL,            -- JSON [{indicator, missing: [...]}] as last assessed
    excluded_indicators TEXT[]      NOT NULL,            -- without a city value: left out of every window holding the year
    assessed_at         TIMESTAMPTZ NOT NULL,
    settled_at          TIMESTAMPTZ,
    settled_by          TEXT,                            -- 'recompute' when found complete; the operator (token subject) who closed it
    reason              TEXT,                            -- the operator's reason for closing
    settled_indicators  TEXT[],                          -- the indicators with a city value when it settled
    CHECK ((state = 'PROVISIONAL') = (settled_at IS NULL))
);

-- Results stored before this version were scored on windows of every year: recompute them all at the first start.
INSERT INTO recompute_request (year) SELECT min(year) FROM indicator_fact HAVING count(*) > 0;
