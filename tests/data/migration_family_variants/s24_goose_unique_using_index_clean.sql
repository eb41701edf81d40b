-- clean: MIG-07
-- path: db/migrations/20261203101000_users_handle_unique.sql
-- +goose Up
ALTER TABLE users ADD CONSTRAINT users_handle_key UNIQUE USING INDEX users_handle_idx;

-- +goose Down
ALTER TABLE users DROP CONSTRAINT users_handle_key;
