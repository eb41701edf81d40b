-- want: MIG-03
-- path: prisma/migrations/20261203112500_user_handle_unique/migration.sql
/*
  Warnings:

  - A unique constraint covering the columns `[handle]` on the table `User` will be added. If there are existing duplicate values, this will fail.

*/
-- CreateIndex
CREATE UNIQUE INDEX "User_handle_key" ON "User"("handle");
