-- want: MIG-04
-- database: mysql
-- path: db/migrations/20261203120500_events_id_bigint.sql
-- migrate:up
ALTER TABLE events MODIFY COLUMN id BIGINT NOT NULL AUTO_INCREMENT;

-- migrate:down
ALTER TABLE events MODIFY COLUMN id INT NOT NULL AUTO_INCREMENT;
