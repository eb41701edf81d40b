-- clean: MIG-06
-- path: drizzle/0058_sessions_device_fk.sql
DO $$ BEGIN
 ALTER TABLE "sessions" ADD CONSTRAINT "sessions_device_fk" FOREIGN KEY ("device_id") REFERENCES "devices"("id") NOT VALID;
EXCEPTION
 WHEN duplicate_object THEN null;
END $$;
