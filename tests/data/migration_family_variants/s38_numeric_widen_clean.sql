-- clean: MIG-04
-- path: src/main/resources/db/migration/V161__orders_total_precision.sql
ALTER TABLE orders ADD COLUMN discount numeric(8,2);
ALTER TABLE orders ALTER COLUMN discount TYPE numeric(12,2);
