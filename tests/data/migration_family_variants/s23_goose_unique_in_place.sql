-- want: MIG-07
-- path: db/migrations/20261203100500_users_email_unique.sql
-- +goose Up
ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);

-- +goose Down
ALTER TABLE users DROP CONSTRAINT users_email_key;
