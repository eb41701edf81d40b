-- want: SQL-NOT-NULL
-- path: db/migrations/000200_x.up.sql
ALTER TABLE orders ALTER COLUMN region SET NOT NULL;
ALTER TABLE orders DROP CONSTRAINT orders_total_positive;
