--liquibase formatted sql
-- want: MIG-12
-- path: src/main/resources/db/changelog/changes/0313-orders-channel-idx.sql

--changeset billing:0313-1
CREATE INDEX CONCURRENTLY orders_channel_idx ON orders (channel);
