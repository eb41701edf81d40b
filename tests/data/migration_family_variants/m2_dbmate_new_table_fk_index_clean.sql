-- clean: MIG-06
-- path: db/migrations/20261203110000_create_refunds.sql
-- migrate:up
CREATE TABLE refunds (
    id bigserial PRIMARY KEY,
    payment_id bigint NOT NULL,
    amount numeric(14,2) NOT NULL
);
ALTER TABLE refunds ADD CONSTRAINT refunds_payment_fk FOREIGN KEY (payment_id) REFERENCES payments (id);
CREATE INDEX refunds_payment_idx ON refunds (payment_id);

-- migrate:down
DROP TABLE refunds;
