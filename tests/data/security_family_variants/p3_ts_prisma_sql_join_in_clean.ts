// clean: JS-SQL-STRING
import { Prisma } from "@prisma/client";
import { prisma } from "../db";

export async function markDelivered(orgId: string, ids: string[]) {
  if (ids.length === 0) return 0;
  return prisma.$executeRaw`
    UPDATE "Parcel" SET "deliveredAt" = now()
    WHERE "orgId" = ${orgId} AND id IN (${Prisma.join(ids)})`;
}
