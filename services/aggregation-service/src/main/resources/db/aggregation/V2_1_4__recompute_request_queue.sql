-- Recompute requests become a queue. With one row per year, the consumer's "INSERT … ON CONFLICT DO NOTHING" had to
-- wait for the recompute's uncommitted DELETE of that year's row: every consumer batch stalled for a whole recompute.
-- Now the consumer appends rows and the recompute deletes the rows it claimed (id ≤ the highest it saw) when its
-- results commit, so neither waits for the other and a crash mid-recompute leaves the requests in place.
ALTER TABLE recompute_request DROP CONSTRAINT recompute_request_pkey;
ALTER TABLE recompute_request ADD COLUMN id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY;
