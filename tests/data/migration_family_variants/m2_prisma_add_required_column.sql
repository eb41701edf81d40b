-- want: MIG-02
-- path: prisma/migrations/20261203114000_post_slug/migration.sql
/*
  Warnings:

  - Added the required column `slug` to the `Post` table without a default value. This is not possible if the table is not empty.

*/
-- AlterTable
ALTER TABLE "Post" ADD COLUMN     "slug" TEXT NOT NULL;
