-- clean: MIG-04
-- path: db/migrations/20261203104500_payments_reference_text.sql
-- migrate:up
ALTER TABLE payments ALTER COLUMN reference TYPE text;

-- migrate:down
ALTER TABLE payments ALTER COLUMN reference TYPE varchar(64);
