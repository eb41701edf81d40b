-- liquibase formatted sql
-- want: MIG-04
-- path: src/main/resources/db/changelog/changes/0434-tickets-code-shorter.sql

-- changeset support:0434-1
ALTER TABLE tickets ALTER COLUMN external_code TYPE varchar(32);
-- rollback ALTER TABLE tickets ALTER COLUMN external_code TYPE varchar(64);
