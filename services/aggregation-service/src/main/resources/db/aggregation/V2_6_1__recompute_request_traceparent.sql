-- The trace of the work that asked for a recompute (a consumed batch of indicator events, a registry change, a year closed):
-- the recompute continues the trace of the earliest request it covers and links to the others, and the results.v1 events
-- it writes carry its own trace context, so one trace follows a report to the results it changed.
ALTER TABLE recompute_request ADD COLUMN traceparent TEXT;
