-- The operations API moved to the console service (schema console, its own dead_letter_replay): the audit of replays
-- is kept there from this release. docs/deploy.md says how to copy the rows kept here before the upgrade.
DROP TABLE dead_letter_replay;
