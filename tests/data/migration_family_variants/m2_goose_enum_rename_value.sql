-- want: MIG-05
-- path: db/migrations/20261203150000_order_status_dispatched.sql
-- +goose Up
ALTER TYPE order_status RENAME VALUE 'shipped' TO 'dispatched';

-- +goose Down
ALTER TYPE order_status RENAME VALUE 'dispatched' TO 'shipped';
