-- want: MIG-08
-- path: drizzle/0056_users_public_id.sql
ALTER TABLE "users" ADD COLUMN "public_id" uuid DEFAULT gen_random_uuid() NOT NULL;
