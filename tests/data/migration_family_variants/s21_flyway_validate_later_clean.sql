-- clean: MIG-06
-- path: src/main/resources/db/migration/V147__refunds_order_fk_validate.sql
ALTER TABLE refunds VALIDATE CONSTRAINT refunds_order_id_fkey;
