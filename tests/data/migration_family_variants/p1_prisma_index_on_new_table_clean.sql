-- clean: SQL-INDEX-LOCK
-- path: prisma/migrations/20261203120500_add_api_key/migration.sql
-- CreateTable
CREATE TABLE "ApiKey" (
    "id" SERIAL NOT NULL,
    "teamId" INTEGER NOT NULL,
    "hashedKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_hashedKey_key" ON "ApiKey"("hashedKey");

-- CreateIndex
CREATE INDEX "ApiKey_teamId_idx" ON "ApiKey"("teamId");
