-- want: MIG-05
-- path: migrations/20261203102500_invoices_rename_total.sql
-- Modify "invoices" table
ALTER TABLE "invoices" RENAME COLUMN "total" TO "total_cents";
