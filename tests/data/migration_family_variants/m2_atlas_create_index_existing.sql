-- want: MIG-03
-- path: migrations/20261203101500_invoices_due_at.sql
-- Create index "invoices_due_at_idx" to table: "invoices"
CREATE INDEX "invoices_due_at_idx" ON "invoices" ("due_at");
