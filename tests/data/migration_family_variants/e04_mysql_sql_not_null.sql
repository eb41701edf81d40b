-- want: MIG-02
-- database: mysql
-- path: db/migrations/20261203171500_events_source.sql
-- migrate:up
ALTER TABLE events ADD COLUMN source VARCHAR(32) NOT NULL;

-- migrate:down
ALTER TABLE events DROP COLUMN source;
