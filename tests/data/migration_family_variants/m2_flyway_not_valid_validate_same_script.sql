-- want: MIG-06
-- path: src/main/resources/db/migration/V171__shipments_order_fk.sql
-- Add the foreign key without a scan, then validate it.
ALTER TABLE shipments
    ADD CONSTRAINT shipments_order_id_fkey FOREIGN KEY (order_id) REFERENCES orders (id) NOT VALID;

ALTER TABLE shipments VALIDATE CONSTRAINT shipments_order_id_fkey;
