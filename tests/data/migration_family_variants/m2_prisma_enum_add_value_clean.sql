-- clean: MIG-04
-- path: prisma/migrations/20261203113500_role_add_auditor/migration.sql
-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'AUDITOR';
