-- Result documents are written on every recompute and only ever read whole: plain text spares PostgreSQL parsing
-- each one into jsonb on the recompute path.
ALTER TABLE result ALTER COLUMN body TYPE TEXT, ALTER COLUMN statuses TYPE TEXT;
