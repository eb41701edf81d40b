-- clean: MIG-06
-- path: migrations/000234_create_payouts.up.sql
CREATE TABLE payouts (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    merchant_id bigint NOT NULL,
    amount_cents bigint NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE payouts ADD CONSTRAINT payouts_merchant_fk FOREIGN KEY (merchant_id) REFERENCES merchants (id);
ALTER TABLE payouts ADD CONSTRAINT payouts_amount_positive CHECK (amount_cents > 0);
