-- clean: MIG-08
-- database: mysql
-- path: db/migrations/20261203171000_events_public_id.sql
-- migrate:up
ALTER TABLE events ADD COLUMN public_id BINARY(16) NOT NULL DEFAULT (UUID_TO_BIN(UUID())), ALGORITHM=INSTANT;

-- migrate:down
ALTER TABLE events DROP COLUMN public_id;
