// want: JS-SQL-STRING
import type { NextApiRequest, NextApiResponse } from "next";
import { prisma } from "@/lib/prisma";

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const q = String(req.query.q ?? "");
  const users = await prisma.$queryRawUnsafe(
    `SELECT id, email FROM "User" WHERE email ILIKE '%${q}%' ORDER BY email LIMIT 20`
  );
  res.status(200).json(users);
}
