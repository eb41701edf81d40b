-- clean: MIG-08
-- path: src/main/resources/db/migration/V143__payments_source.sql
ALTER TABLE payments ADD COLUMN source varchar(32) NOT NULL DEFAULT 'card';
