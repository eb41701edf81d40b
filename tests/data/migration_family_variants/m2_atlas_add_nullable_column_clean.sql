-- clean: MIG-02
-- path: migrations/20261203102000_invoices_memo.sql
-- Modify "invoices" table
ALTER TABLE "invoices" ADD COLUMN "memo" text NULL;
