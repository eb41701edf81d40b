-- clean: MIG-12
-- path: db/migrations/20261203173500_index_sessions_user.sql
-- migrate:up transaction:false
CREATE INDEX CONCURRENTLY IF NOT EXISTS sessions_user_id_idx ON sessions (user_id);

-- migrate:down transaction:false
DROP INDEX CONCURRENTLY IF EXISTS sessions_user_id_idx;
