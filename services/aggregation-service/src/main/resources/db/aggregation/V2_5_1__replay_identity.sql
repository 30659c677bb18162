-- A replay is authorised by the sector service as the identity it recorded with the dead letter (docs/security.md): the
-- audit keeps which dead letter that was (its dead-letter-id) and the identity its headers name, beside the operator.
ALTER TABLE dead_letter_replay
    ADD COLUMN dead_letter_id            TEXT,
    ADD COLUMN identity_authenticated    BOOLEAN,
    ADD COLUMN identity_subject          TEXT,
    ADD COLUMN identity_roles            TEXT[],
    ADD COLUMN identity_districts        TEXT[],
    ADD COLUMN identity_token_expires_at TIMESTAMPTZ,
    ADD COLUMN identity_failure          TEXT;
