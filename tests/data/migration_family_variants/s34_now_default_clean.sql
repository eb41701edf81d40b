-- clean: MIG-08
-- path: src/main/resources/db/migration/V158__sessions_created_at.sql
ALTER TABLE sessions ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
