-- The report's body and result are stored as received and returned as they are, never queried inside:
-- plain text spares PostgreSQL parsing every report into jsonb on the ingestion path.
ALTER TABLE report ALTER COLUMN body TYPE TEXT, ALTER COLUMN result TYPE TEXT;
