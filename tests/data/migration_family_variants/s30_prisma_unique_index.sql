-- want: MIG-03
-- path: prisma/migrations/20261203173000_user_handle_unique/migration.sql
-- CreateIndex
CREATE UNIQUE INDEX "User_handle_key" ON "User"("handle");
