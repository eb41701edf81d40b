-- clean: MIG-04
-- path: db/migrations/20261203143000_payments_reference_longer.sql
-- migrate:up
ALTER TABLE payments ALTER COLUMN reference TYPE varchar(128);

-- migrate:down
ALTER TABLE payments ALTER COLUMN reference TYPE varchar(64);
