-- want: MIG-05
-- path: db/migrations/20261203105000_rename_payments.sql
-- migrate:up
ALTER TABLE payments RENAME TO payment_transactions;

-- migrate:down
ALTER TABLE payment_transactions RENAME TO payments;
