-- want: MIG-05
-- path: drizzle/0053_users_rename_name.sql
ALTER TABLE "users" RENAME COLUMN "name" TO "full_name";
