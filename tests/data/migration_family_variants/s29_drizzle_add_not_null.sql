-- want: MIG-02
-- path: drizzle/0059_users_locale.sql
ALTER TABLE "users" ADD COLUMN "locale" varchar(8) NOT NULL;
