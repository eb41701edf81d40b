-- want: MIG-04
-- path: prisma/migrations/20261203094000_quantity_decimal/migration.sql
-- AlterTable
ALTER TABLE "LineItem" ALTER COLUMN "quantity" SET DATA TYPE DECIMAL(12,3);
