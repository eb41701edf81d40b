-- clean: SQL-INDEX-LOCK
-- path: db/migrations/000114_drop_old_events_index.up.sql
DROP INDEX CONCURRENTLY IF EXISTS events_legacy_type_idx;
