-- clean: SQL-NOT-NULL
-- path: src/main/resources/db/migration/V31__orders_region_set_not_null.sql
-- V30 validated orders_region_not_null; with it in place PostgreSQL skips the scan.
ALTER TABLE orders ALTER COLUMN region SET NOT NULL;
ALTER TABLE orders DROP CONSTRAINT orders_region_not_null;
