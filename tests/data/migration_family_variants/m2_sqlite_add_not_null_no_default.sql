-- want: MIG-02
-- database: sqlite
-- path: db/migrations/20261203115000_notes_pinned.sql
-- +goose Up
ALTER TABLE notes ADD COLUMN pinned INTEGER NOT NULL;

-- +goose Down
ALTER TABLE notes DROP COLUMN pinned;
