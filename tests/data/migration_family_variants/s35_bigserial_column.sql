-- want: MIG-08
-- path: src/main/resources/db/migration/V159__sessions_seq.sql
ALTER TABLE sessions ADD COLUMN seq bigserial;
