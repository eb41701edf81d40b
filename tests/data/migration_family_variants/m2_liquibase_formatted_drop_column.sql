-- liquibase formatted sql
-- want: MIG-01
-- path: src/main/resources/db/changelog/changes/0430-tickets-drop-legacy.sql

-- changeset support:0430-1
ALTER TABLE tickets DROP COLUMN legacy_queue;
