// clean: JS-TX-OUTER-HANDLE
import { eq, sql } from "drizzle-orm";

import { db } from "./db";
import { accounts, transfers } from "./schema";

export async function transfer(fromId: string, toId: string, cents: number): Promise<void> {
  await db.transaction(async (tx) => {
    const [from] = await tx.select().from(accounts).where(eq(accounts.id, fromId)).for("update");
    if (!from || from.balanceCents < cents) {
      tx.rollback();
    }
    await tx.update(accounts).set({ balanceCents: sql`${accounts.balanceCents} - ${cents}` }).where(eq(accounts.id, fromId));
    await tx.update(accounts).set({ balanceCents: sql`${accounts.balanceCents} + ${cents}` }).where(eq(accounts.id, toId));
    await tx.insert(transfers).values({ fromId, toId, cents });
  });
}
