-- Who sent each revision: the subject of the token it came with (REST, CSV or the Kafka feed's authorization header).
-- NULL for revisions stored before it was recorded.
ALTER TABLE report ADD COLUMN sent_by TEXT;
