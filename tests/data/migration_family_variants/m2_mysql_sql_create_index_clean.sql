-- clean: MIG-03
-- database: mysql
-- path: db/migrations/20261203120000_customers_email_idx.sql
-- migrate:up
CREATE INDEX customers_email_idx ON customers (email);

-- migrate:down
DROP INDEX customers_email_idx ON customers;
