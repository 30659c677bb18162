-- The registry of parks and enterprises moved to the registry service (schema registry, docs/deploy.md: export the
-- table as CSV before this release and import it there). The aggregation knows the registry only from org-units.v1.
DROP TABLE org_unit;
