-- Who replayed which dead letter, to where, and how it went (ops API: POST /api/v1/ops/dead-letters/{topic}/replay).
-- A row is written PENDING before the record is produced and completed after the broker's answer, so a replay is on
-- record even if the service dies in between. Refusals (the replay-count loop guard, an unknown target) are recorded too.
-- A replay is authorised by the sector service as the identity it recorded with the dead letter (docs/security.md): the
-- audit keeps which dead letter that was (its dead-letter-id) and the identity its headers name, beside the operator.
-- (The aggregation service kept this table before the console service took the ops API over: docs/deploy.md.)
CREATE TABLE dead_letter_replay (
    id                        BIGSERIAL   PRIMARY KEY,
    requested_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    completed_at              TIMESTAMPTZ,
    operator                  TEXT        NOT NULL,
    dead_letter_topic         TEXT        NOT NULL,
    dead_letter_partition     INT         NOT NULL,
    dead_letter_offset        BIGINT      NOT NULL,
    record_key                TEXT,
    reason                    TEXT,
    target_topic              TEXT,
    target_partition          INT,
    target_offset             BIGINT,
    replay_count              INT         NOT NULL,
    outcome                   TEXT        NOT NULL CHECK (outcome IN ('PENDING', 'REPLAYED', 'FAILED', 'REFUSED')),
    detail                    TEXT,
    dead_letter_id            TEXT,
    identity_authenticated    BOOLEAN,
    identity_subject          TEXT,
    identity_roles            TEXT[],
    identity_districts        TEXT[],
    identity_token_expires_at TIMESTAMPTZ,
    identity_failure          TEXT
);

CREATE INDEX dead_letter_replay_requested ON dead_letter_replay (requested_at DESC);
CREATE INDEX dead_letter_replay_message ON dead_letter_replay (dead_letter_topic, dead_letter_partition, dead_letter_offset);
