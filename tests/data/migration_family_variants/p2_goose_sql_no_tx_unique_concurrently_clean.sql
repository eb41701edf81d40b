-- clean: MIG-07
-- path: db/migrations/20261203181000_users_email_lower_unique.sql
-- +goose NO TRANSACTION
-- +goose Up
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS users_email_lower_key ON users (lower(email));

-- +goose Down
DROP INDEX CONCURRENTLY IF EXISTS users_email_lower_key;
