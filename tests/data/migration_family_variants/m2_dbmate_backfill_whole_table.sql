-- want: MIG-10
-- path: db/migrations/20261203105500_payments_backfill_currency.sql
-- migrate:up
ALTER TABLE payments ADD COLUMN currency char(3);
UPDATE payments SET currency = 'EUR' WHERE currency IS NULL;

-- migrate:down
ALTER TABLE payments DROP COLUMN currency;
