-- Result documents (~35 KB of JSON each) are written for every org unit and year on each recompute, and again as the
-- results event in the outbox. lz4 compresses them several times faster than the default pglz at a similar ratio:
-- under a steady stream of reports that is CPU the recompute and the relay get back.
ALTER TABLE result ALTER COLUMN body SET COMPRESSION lz4;
ALTER TABLE outbox ALTER COLUMN payload SET COMPRESSION lz4;
