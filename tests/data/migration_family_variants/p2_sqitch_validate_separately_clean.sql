-- clean: MIG-06
-- path: deploy/order_items_product_fk_validate.sql
-- Deploy shop:order_items_product_fk_validate to pg
-- requires: order_items_product_fk

BEGIN;

SET LOCAL lock_timeout = '5s';
ALTER TABLE order_items VALIDATE CONSTRAINT order_items_product_id_fkey;

COMMIT;
