-- Outbox rows Kafka refused for good (docs/operations.md, "Parked outbox events"): a record above the producer's
-- max.request.size or the topic's max.message.bytes, an invalid topic, a topic this service may not write. OutboxRelay moves
-- such a row here with the broker's reason and goes on with the rows after it, so one refused event no longer holds back every
-- later one; nothing accepted is lost. Same columns as the outbox, plus where and why it stopped. An operator re-queues a row,
-- once its cause is fixed, by moving it back into the outbox (the SQL in docs/operations.md).
-- 被 Kafka 永久拒绝的 outbox 记录移至此表（保留原因），其后的事件照常发布。
CREATE TABLE outbox_parked (
    outbox_id      BIGINT      PRIMARY KEY,
    topic          TEXT        NOT NULL,
    record_key     TEXT        NOT NULL,
    ce_id          UUID        NOT NULL UNIQUE,
    ce_type        TEXT        NOT NULL,
    ce_source      TEXT        NOT NULL,
    ce_subject     TEXT,
    ce_time        TIMESTAMPTZ NOT NULL,
    ce_dataschema  TEXT,
    payload        TEXT        NOT NULL,
    traceparent    TEXT,
    created_at     TIMESTAMPTZ NOT NULL,
    parked_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    reason         TEXT        NOT NULL
);
