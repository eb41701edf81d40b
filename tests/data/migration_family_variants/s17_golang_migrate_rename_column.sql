-- want: MIG-05
-- path: migrations/000233_rename_orders_total.up.sql
ALTER TABLE orders RENAME COLUMN total TO total_cents;
