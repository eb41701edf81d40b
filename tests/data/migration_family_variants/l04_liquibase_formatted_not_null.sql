--liquibase formatted sql
-- want: MIG-02
-- path: src/main/resources/db/changelog/changes/0314-orders-currency.sql

--changeset billing:0314-1
ALTER TABLE orders ADD COLUMN currency char(3) NOT NULL;
