-- liquibase formatted sql
-- clean: MIG-06
-- path: src/main/resources/db/changelog/changes/0442-payments-fee-check.sql

-- changeset billing:0442-1
ALTER TABLE payments ADD CONSTRAINT payments_fee_nonnegative CHECK (fee >= 0) NOT VALID;

-- changeset billing:0442-2
ALTER TABLE payments VALIDATE CONSTRAINT payments_fee_nonnegative;
