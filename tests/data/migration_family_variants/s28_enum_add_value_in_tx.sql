-- want: MIG-12
-- path: db/migrations/20261203102000_order_status_refunded.sql
-- +goose Up
ALTER TYPE order_status ADD VALUE 'refunded';
UPDATE orders SET status = 'refunded' WHERE refunded_at IS NOT NULL;

-- +goose Down
SELECT 1;
