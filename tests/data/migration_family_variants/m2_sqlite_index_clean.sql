-- clean: MIG-03
-- database: sqlite
-- path: db/migrations/20261203115500_notes_created_idx.sql
-- +goose Up
CREATE INDEX notes_created_at_idx ON notes (created_at);

-- +goose Down
DROP INDEX notes_created_at_idx;
