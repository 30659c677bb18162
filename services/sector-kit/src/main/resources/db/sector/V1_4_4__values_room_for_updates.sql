-- Room in each page for a row's next version (issue 19). A revised value, and every annual indicator a report moves,
-- updates its row in place of inserting one; with full pages (fillfactor 100) PostgreSQL puts the new version on another
-- page and adds it to every index of the table, under the district-year locks of the writing request. With room on the
-- page and no indexed column changed (value, report, revision and time are not indexed) the update is a heap-only tuple:
-- no index is touched, and the old version is pruned on the page. On the write part's pattern (11,000 values of 1,240
-- slots revised over and over) an upsert of 11,000 values took about half the time at 70 (deploy/bench/analysis.md).
-- Pages written from now on keep the room; a table rewrite (VACUUM FULL) applies it to the existing ones.
ALTER TABLE data_value SET (fillfactor = 70);
ALTER TABLE indicator_value SET (fillfactor = 70);
