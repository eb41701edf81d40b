-- liquibase formatted sql
-- want: MIG-08
-- path: src/main/resources/db/changelog/changes/0431-tickets-token.sql

-- changeset support:0431-1
ALTER TABLE tickets ADD COLUMN share_token uuid DEFAULT gen_random_uuid();
