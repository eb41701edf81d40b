-- liquibase formatted sql
-- want: MIG-06
-- path: src/main/resources/db/changelog/changes/0441-payments-amount-check.sql

-- changeset billing:0441-1
ALTER TABLE payments ADD CONSTRAINT payments_amount_positive CHECK (amount > 0) NOT VALID;
ALTER TABLE payments VALIDATE CONSTRAINT payments_amount_positive;
