-- clean: MIG-02
-- path: drizzle/0057_users_locale.sql
ALTER TABLE "users" ADD COLUMN "locale" varchar(16) DEFAULT 'en' NOT NULL;
