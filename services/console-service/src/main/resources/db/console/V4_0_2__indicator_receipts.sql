-- What the sectors' indicator topics delivered, per indicator, district and year: the feed freshness of the ops API
-- (GET /api/v1/ops/freshness) is read from here. The console reads the indicator topics with a consumer group of its own
-- (console-service), so it needs no table of the aggregation service; the highest revision of an indicator wins.
CREATE TABLE indicator_receipt (
    code        TEXT        NOT NULL,
    org_unit    TEXT        NOT NULL,
    year        INT         NOT NULL,
    sector      TEXT        NOT NULL,
    revision    BIGINT      NOT NULL,
    complete    BOOLEAN     NOT NULL,
    computed_at TIMESTAMPTZ NOT NULL,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (code, org_unit, year)
);
