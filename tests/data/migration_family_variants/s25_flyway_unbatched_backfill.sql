-- want: MIG-10
-- path: src/main/resources/db/migration/V148__orders_region_backfill.sql
ALTER TABLE orders ADD COLUMN region text;
UPDATE orders SET region = 'eu' WHERE region IS NULL;
