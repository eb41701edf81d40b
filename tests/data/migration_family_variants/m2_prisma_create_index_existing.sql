-- want: MIG-03
-- path: prisma/migrations/20261203112000_post_author_index/migration.sql
-- CreateIndex
CREATE INDEX "Post_authorId_createdAt_idx" ON "Post"("authorId", "createdAt");
