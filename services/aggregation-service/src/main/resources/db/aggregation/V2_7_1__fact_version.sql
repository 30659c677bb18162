-- The version of the facts: one more with every transaction that changed a fact, in that transaction. Every reader of the
-- facts (the recompute, effects, unit synergy, the inventory, closing a year) shares one in-memory table of them
-- (IndicatorTables), rebuilt once when this moves instead of reloading every fact per request. One row; the consumer
-- updates it as the last statement of its transaction, so writers hold its lock only while they commit.
CREATE TABLE fact_version (
    id      BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (id),
    version BIGINT  NOT NULL
);
INSERT INTO fact_version (id, version) VALUES (TRUE, 0);
