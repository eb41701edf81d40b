-- clean: SQL-NOT-NULL
-- path: db/migrations/000112_payments_currency_not_null.up.sql
ALTER TABLE payments ADD CONSTRAINT payments_currency_present CHECK (currency IS NOT NULL) NOT VALID;
ALTER TABLE payments VALIDATE CONSTRAINT payments_currency_present;
ALTER TABLE payments ALTER COLUMN currency SET NOT NULL;
ALTER TABLE payments DROP CONSTRAINT payments_currency_present;
