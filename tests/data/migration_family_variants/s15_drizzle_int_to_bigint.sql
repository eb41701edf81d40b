-- want: MIG-04
-- path: drizzle/0057_events_id_bigint.sql
ALTER TABLE "events" ALTER COLUMN "id" SET DATA TYPE bigint;
