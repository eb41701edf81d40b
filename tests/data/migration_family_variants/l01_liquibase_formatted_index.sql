--liquibase formatted sql
-- want: MIG-03
-- path: src/main/resources/db/changelog/changes/0311-orders-placed-at-idx.sql

--changeset billing:0311-1
CREATE INDEX orders_placed_at_idx ON orders (placed_at);
--rollback DROP INDEX orders_placed_at_idx;
