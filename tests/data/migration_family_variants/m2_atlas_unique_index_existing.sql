-- want: MIG-03
-- path: migrations/20261203103000_invoices_number_unique.sql
-- Create index "invoices_number_key" to table: "invoices"
CREATE UNIQUE INDEX "invoices_number_key" ON "invoices" ("number");
