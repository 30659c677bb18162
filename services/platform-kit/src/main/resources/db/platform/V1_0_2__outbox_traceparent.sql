-- The W3C trace context of the work that wrote the event (a REST call, a feed message, a recompute): the relay publishes
-- the event as part of that trace (Kafka header traceparent), so one trace follows a report across the services.
-- Nullable: rows written before this column, or outside any trace, start a trace of their own when published.
ALTER TABLE outbox ADD COLUMN traceparent TEXT;
