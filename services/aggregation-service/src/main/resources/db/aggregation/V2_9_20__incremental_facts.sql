-- Incremental recompute at city scale (issue 19). Each fact carries the fact_version of the transaction that last wrote
-- it, so the shared in-memory table of the facts (IndicatorTables) reads only the facts changed since the version it
-- holds instead of every fact (1.5 M at 5,000 enterprises); the existing facts count as version 0, which every table
-- built from scratch holds.
ALTER TABLE indicator_fact ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
CREATE INDEX indicator_fact_version ON indicator_fact (version);

-- A request names the org unit whose facts changed (facts = TRUE): the recompute computes that unit, the units whose
-- figures include its facts (its park, district, the groups and the city) and the district panel, from the year on —
-- not every unit. A request with an org unit and facts = FALSE is a target's (that unit alone); without an org unit,
-- every unit, as before.
ALTER TABLE recompute_request ADD COLUMN facts BOOLEAN NOT NULL DEFAULT FALSE;
