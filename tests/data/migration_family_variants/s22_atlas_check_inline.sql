-- want: MIG-06
-- path: migrations/20261203100000_ledger_amount_check.sql
ALTER TABLE "ledger_entries" ADD CONSTRAINT "ledger_entries_amount_positive" CHECK ("amount" > 0);
