-- want: MIG-04
-- path: db/migrations/20261203104000_payments_amount_numeric.sql
-- migrate:up
ALTER TABLE payments ALTER COLUMN amount TYPE numeric(14,2);

-- migrate:down
ALTER TABLE payments ALTER COLUMN amount TYPE integer;
