-- clean: MIG-03
-- path: migrations/20261203174500_sessions_token_idx.sql
-- atlas:txmode none

CREATE INDEX CONCURRENTLY "sessions_token_idx" ON "sessions" ("token");
