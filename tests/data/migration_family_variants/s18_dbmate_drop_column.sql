-- want: MIG-01
-- path: db/migrations/20261203095000_drop_users_legacy_role.sql
-- migrate:up
ALTER TABLE users DROP COLUMN legacy_role;

-- migrate:down
ALTER TABLE users ADD COLUMN legacy_role text;
