-- clean: MIG-04
-- path: migrations/000242_users_display_name_longer.up.sql
ALTER TABLE users ALTER COLUMN display_name TYPE varchar(255);
