-- clean: MIG-02
-- path: prisma/migrations/20261203114500_post_summary/migration.sql
-- AlterTable
ALTER TABLE "Post" ADD COLUMN     "summary" TEXT,
ADD COLUMN     "views" INTEGER NOT NULL DEFAULT 0;
