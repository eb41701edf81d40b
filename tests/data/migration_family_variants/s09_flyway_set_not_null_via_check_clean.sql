-- clean: MIG-02
-- path: src/main/resources/db/migration/V141__orders_channel_required.sql
-- The check was added NOT VALID in V140; once validated, SET NOT NULL uses it and skips the scan (PG 12+).
ALTER TABLE orders VALIDATE CONSTRAINT orders_channel_not_null;
ALTER TABLE orders ALTER COLUMN channel SET NOT NULL;
ALTER TABLE orders DROP CONSTRAINT orders_channel_not_null;
