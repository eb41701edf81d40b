import { db } from "./db";

export async function archive(ids: string[]): Promise<number> {
  ids.map(async (id) => { // expect: JS-ASYNC-FOREACH
    await db.project.update({ where: { id }, data: { archived: true } });
  });
  return ids.length;
}

export async function archiveAll(ids: string[]): Promise<number> {
  await Promise.all(
    ids.map(async (id) => {
      await db.project.update({ where: { id }, data: { archived: true } });
    }),
  );
  const pending = ids.map(async (id) => db.project.delete({ where: { id } }));
  await Promise.all(pending);
  const results =
    ids.map(async (id) => db.project.findUnique({ where: { id } }));
  return (await Promise.all(results)).length;
}
