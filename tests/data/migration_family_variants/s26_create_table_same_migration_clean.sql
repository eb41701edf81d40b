-- clean: MIG-03
-- path: db/migrations/20261203101500_create_webhook_deliveries.sql
-- +goose Up
CREATE TABLE webhook_deliveries (
    id bigserial PRIMARY KEY,
    endpoint_id bigint NOT NULL REFERENCES webhook_endpoints (id),
    status text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id, created_at);
CREATE UNIQUE INDEX webhook_deliveries_status_idx ON webhook_deliveries (endpoint_id, status);

-- +goose Down
DROP TABLE webhook_deliveries;
