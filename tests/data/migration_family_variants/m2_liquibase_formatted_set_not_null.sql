-- liquibase formatted sql
-- want: MIG-02
-- path: src/main/resources/db/changelog/changes/0432-tickets-priority-required.sql

-- changeset support:0432-1
ALTER TABLE tickets ALTER COLUMN priority SET NOT NULL;
