-- clean: MIG-04
-- path: prisma/migrations/20261203094500_note_text/migration.sql
-- AlterTable
ALTER TABLE "Customer" ALTER COLUMN "note" SET DATA TYPE TEXT;
