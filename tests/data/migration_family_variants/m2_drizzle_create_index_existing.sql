-- want: MIG-03
-- path: drizzle/0051_sessions_user_idx.sql
CREATE INDEX IF NOT EXISTS "sessions_user_id_idx" ON "sessions" USING btree ("user_id");
