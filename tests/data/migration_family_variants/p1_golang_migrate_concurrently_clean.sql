-- clean: SQL-INDEX-LOCK
-- path: migrations/000045_index_events_created.up.sql
CREATE INDEX CONCURRENTLY IF NOT EXISTS events_created_at_idx ON events (created_at);
