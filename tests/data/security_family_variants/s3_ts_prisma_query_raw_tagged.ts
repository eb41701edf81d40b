// clean: JS-SQL-STRING
import type { NextApiRequest, NextApiResponse } from "next";
import { prisma } from "@/lib/prisma";

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const q = String(req.query.q ?? "");
  const pattern = `%${q}%`;
  const users = await prisma.$queryRaw`SELECT id, email FROM "User" WHERE email ILIKE ${pattern} ORDER BY email LIMIT 20`;
  const more = await prisma.$queryRawUnsafe('SELECT id FROM "User" WHERE email ILIKE $1', pattern);
  res.status(200).json({ users, more });
}
