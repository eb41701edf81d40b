-- clean: MIG-03
-- path: db/migrations/20261203180000_index_orders_customer.sql
-- migrate:up transaction:false
CREATE INDEX CONCURRENTLY IF NOT EXISTS index_orders_on_customer_id ON orders (customer_id);

-- migrate:down transaction:false
DROP INDEX CONCURRENTLY IF EXISTS index_orders_on_customer_id;
