-- want: MIG-01
-- path: prisma/migrations/20261203111500_drop_user_legacy_role/migration.sql
/*
  Warnings:

  - You are about to drop the column `legacyRole` on the `User` table. All the data in the column will be lost.

*/
-- AlterTable
ALTER TABLE "User" DROP COLUMN "legacyRole";
