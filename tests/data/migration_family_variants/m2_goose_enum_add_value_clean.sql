-- clean: MIG-05
-- path: db/migrations/20261203150500_order_status_refunded.sql
-- +goose NO TRANSACTION
-- +goose Up
ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'refunded' AFTER 'shipped';
