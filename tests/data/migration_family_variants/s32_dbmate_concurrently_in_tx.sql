-- want: MIG-12
-- path: db/migrations/20261203174000_index_sessions_expires.sql
-- migrate:up
CREATE INDEX CONCURRENTLY IF NOT EXISTS sessions_expires_at_idx ON sessions (expires_at);

-- migrate:down
DROP INDEX IF EXISTS sessions_expires_at_idx;
