--liquibase formatted sql
-- clean: MIG-03
-- path: src/main/resources/db/changelog/changes/0312-orders-shipped-at-idx.sql

--changeset billing:0312-1 runInTransaction:false
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_shipped_at_idx ON orders (shipped_at);
--rollback DROP INDEX CONCURRENTLY IF EXISTS orders_shipped_at_idx;
