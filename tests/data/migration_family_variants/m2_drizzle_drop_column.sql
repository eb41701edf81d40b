-- want: MIG-01
-- path: drizzle/0052_users_drop_avatar.sql
ALTER TABLE "users" DROP COLUMN IF EXISTS "avatar_url";
