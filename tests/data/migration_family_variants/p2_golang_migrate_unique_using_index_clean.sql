-- clean: MIG-07
-- path: migrations/000243_accounts_slug_unique.up.sql
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS accounts_slug_key_idx ON accounts (slug);
ALTER TABLE accounts ADD CONSTRAINT accounts_slug_key UNIQUE USING INDEX accounts_slug_key_idx;
