-- liquibase formatted sql
-- want: MIG-05
-- path: src/main/resources/db/changelog/changes/0429-tickets-rename-assignee.sql

-- changeset support:0429-1
ALTER TABLE tickets RENAME COLUMN assignee TO assignee_id;
-- rollback ALTER TABLE tickets RENAME COLUMN assignee_id TO assignee;
