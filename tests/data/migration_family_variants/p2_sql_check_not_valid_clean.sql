-- clean: MIG-06
-- path: db/migrations/20261203181500_payments_amount_positive.sql
-- migrate:up
ALTER TABLE payments ADD CONSTRAINT payments_amount_positive CHECK (amount_cents > 0) NOT VALID;

-- migrate:down
ALTER TABLE payments DROP CONSTRAINT IF EXISTS payments_amount_positive;
