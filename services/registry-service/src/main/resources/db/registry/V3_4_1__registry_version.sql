-- The registry's data version (登记数据版本, issue 19): one counter that every write of master data the read endpoints show
-- (org units, targets, key projects, pilots) raises in its own transaction, under the registry's lock. The list,
-- progress and target answers are kept per version (shared.KeptLists) and computed anew once it moves.
CREATE TABLE registry_version (
    id      BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (id),
    version BIGINT  NOT NULL
);
INSERT INTO registry_version (id, version) VALUES (TRUE, 0);
