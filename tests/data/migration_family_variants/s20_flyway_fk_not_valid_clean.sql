-- clean: MIG-06
-- path: src/main/resources/db/migration/V146__refunds_order_fk.sql
ALTER TABLE refunds
    ADD CONSTRAINT refunds_order_id_fkey FOREIGN KEY (order_id) REFERENCES orders (id) NOT VALID;
