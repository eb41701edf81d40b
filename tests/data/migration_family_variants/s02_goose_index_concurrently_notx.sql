-- clean: MIG-03
-- path: db/migrations/20261203090500_index_invoices_due.sql
-- +goose NO TRANSACTION
-- +goose Up
CREATE INDEX CONCURRENTLY IF NOT EXISTS invoices_due_at_idx ON invoices (due_at);

-- +goose Down
DROP INDEX CONCURRENTLY IF EXISTS invoices_due_at_idx;
