-- clean: SQL-CONSTRAINT-VALIDATE
-- path: db/migrations/000113_line_items_order_fk.up.sql
ALTER TABLE line_items ADD CONSTRAINT line_items_order_id_fkey FOREIGN KEY (order_id) REFERENCES orders (id) NOT VALID;
ALTER TABLE line_items VALIDATE CONSTRAINT line_items_order_id_fkey;
