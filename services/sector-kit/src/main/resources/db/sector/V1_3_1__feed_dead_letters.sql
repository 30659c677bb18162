-- Every feed message this service dead-lettered, with the identity it verified from the message's token (never the token):
-- a replay cites the id (header replayed-dead-letter) and is authorised as this identity if its payload is this payload.
-- The table is the only source of that trust: a producer can write any header, not a row here (docs/security.md).
CREATE TABLE feed_dead_letter (
    id                     UUID        PRIMARY KEY,
    created_at             TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- where the message was consumed from: a redelivered message finds its row again (one dead letter per record)
    source_topic           TEXT        NOT NULL,
    source_partition       INT         NOT NULL,
    source_offset          BIGINT      NOT NULL,
    -- SHA-256 of the message's value, hex; NULL for a message without a value
    payload_sha256         TEXT,
    reason                 TEXT        NOT NULL,
    -- who produced it: the verified token's subject, groups, districts claim (NULL: every district) and expiry,
    -- or that no valid token was found, and why
    authenticated          BOOLEAN     NOT NULL,
    subject                TEXT,
    roles                  TEXT[]      NOT NULL DEFAULT '{}',
    districts              TEXT[],
    token_expires_at       TIMESTAMPTZ,
    authentication_failure TEXT,
    -- the instant the token was judged at, and by which clock: log-append-time, consumption-time, or recorded (a replay)
    judged_at              TIMESTAMPTZ NOT NULL,
    judged_by              TEXT        NOT NULL CHECK (judged_by IN ('log-append-time', 'consumption-time', 'recorded')),
    -- the dead letter a replayed message came from, when the replay failed again
    replay_of              UUID        REFERENCES feed_dead_letter (id),
    -- replays of this dead letter that were stored, and the operator the last one names (its replayed-by header)
    replays                INT         NOT NULL DEFAULT 0,
    last_replayed_at       TIMESTAMPTZ,
    last_replayed_by       TEXT,
    CHECK (authenticated = (subject IS NOT NULL)),
    UNIQUE (source_topic, source_partition, source_offset)
);
