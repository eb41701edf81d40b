// clean: JS-SQL-STRING
import { Prisma } from "@prisma/client";
import { prisma } from "@/lib/db";

export async function searchDocuments(teamId: number, term: string, status?: string) {
  const statusFilter = status ? Prisma.sql`AND d.status = ${status}` : Prisma.empty;
  return prisma.$queryRaw<{ id: number; title: string }[]>`
    SELECT d.id, d.title FROM "Document" d
    WHERE d."teamId" = ${teamId} AND d.title ILIKE ${"%" + term + "%"} ${statusFilter}
    ORDER BY d."createdAt" DESC LIMIT 50`;
}
