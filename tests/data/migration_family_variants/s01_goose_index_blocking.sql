-- want: MIG-03
-- path: db/migrations/20261203090000_index_invoices_customer.sql
-- +goose Up
CREATE INDEX invoices_customer_id_idx ON invoices (customer_id);

-- +goose Down
DROP INDEX invoices_customer_id_idx;
