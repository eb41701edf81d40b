-- clean: MIG-04
-- path: migrations/000241_comments_body_text.up.sql
ALTER TABLE comments ALTER COLUMN body TYPE text;
