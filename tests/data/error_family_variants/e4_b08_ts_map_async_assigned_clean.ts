// clean: JS-ASYNC-FOREACH (the promises are kept and awaited later)
import { db } from "../db";

export async function touchAll(ids: string[]): Promise<number> {
  const pending = ids.map(async (id) => db.session.update({ where: { id }, data: { seenAt: new Date() } }));
  const done = await Promise.all(pending);
  return done.length;
}
