-- Transactional outbox (Debezium's outbox pattern, relayed by polling instead of CDC).
-- A service writes its events here in the same transaction as its state; OutboxRelay publishes and deletes them.
CREATE TABLE outbox (
    id             BIGSERIAL PRIMARY KEY,
    topic          TEXT        NOT NULL,
    record_key     TEXT        NOT NULL,
    ce_id          UUID        NOT NULL UNIQUE,
    ce_type        TEXT        NOT NULL,
    ce_source      TEXT        NOT NULL,
    ce_subject     TEXT,
    ce_time        TIMESTAMPTZ NOT NULL,
    ce_dataschema  TEXT,
    payload        TEXT        NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
