-- want: MIG-12
-- path: db/migrations/20261203091000_index_invoices_status.sql
-- +goose Up
CREATE INDEX CONCURRENTLY invoices_status_idx ON invoices (status);

-- +goose Down
DROP INDEX CONCURRENTLY invoices_status_idx;
