-- want: MIG-08
-- path: src/main/resources/db/migration/V144__payments_seen_at.sql
ALTER TABLE payments ADD COLUMN seen_at timestamptz DEFAULT clock_timestamp();
