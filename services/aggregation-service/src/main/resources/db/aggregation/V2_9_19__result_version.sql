-- The version of what the read side answers from beyond the facts: the results, the year states and the factor library.
-- One more with every recompute pass that changed a result or a year's state and with every factor revision, in that
-- transaction. The read API keeps each computed answer with fact_version + result_version (AnswerVersion) and serves it
-- until either moves, instead of computing it per request. One row, updated last in its transaction.
CREATE TABLE result_version (
    id      BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (id),
    version BIGINT  NOT NULL
);
INSERT INTO result_version (id, version) VALUES (TRUE, 0);
