-- want: MIG-06
-- path: src/main/resources/db/migration/V145__refunds_payment_fk.sql
ALTER TABLE refunds
    ADD CONSTRAINT refunds_payment_id_fkey FOREIGN KEY (payment_id) REFERENCES payments (id);
