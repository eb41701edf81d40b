-- clean: MIG-06
-- path: migrations/000236_orders_customer_fk_validate.up.sql
ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_id_fkey;
