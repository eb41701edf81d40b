-- clean: MIG-06
-- path: src/main/resources/db/migration/V172__shipments_order_fk_validate.sql
-- V171 added shipments_order_id_fkey NOT VALID; this script only validates it.
ALTER TABLE shipments VALIDATE CONSTRAINT shipments_order_id_fkey;
