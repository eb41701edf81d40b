-- liquibase formatted sql
-- clean: MIG-04
-- path: src/main/resources/db/changelog/changes/0433-tickets-subject-longer.sql

-- changeset support:0433-1
ALTER TABLE tickets ALTER COLUMN subject TYPE varchar(512);
-- rollback ALTER TABLE tickets ALTER COLUMN subject TYPE varchar(255);
