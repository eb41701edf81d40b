-- clean: MIG-06
-- path: deploy/order_items_product_fk.sql
-- Deploy shop:order_items_product_fk to pg
-- requires: order_items

BEGIN;

ALTER TABLE order_items
    ADD CONSTRAINT order_items_product_id_fkey
    FOREIGN KEY (product_id) REFERENCES products (id) NOT VALID;

COMMIT;
