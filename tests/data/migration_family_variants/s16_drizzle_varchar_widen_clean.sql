-- clean: MIG-04
-- path: drizzle/0058_users_email_longer.sql
ALTER TABLE "users" ALTER COLUMN "email" SET DATA TYPE varchar(512);
