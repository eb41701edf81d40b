export async function notifyAll(users: User[]): Promise<number> {
  await Promise.allSettled(users.map((u) => mailer.send(u))); // expect: JS-ALLSETTLED-UNCHECKED
  return users.length;
}

export async function loadAll(ids: string[]): Promise<Item[]> {
  const results = await Promise.allSettled(ids.map((id) => api.load(id))); // expect: JS-ALLSETTLED-UNCHECKED
  return results.map((r) => (r as PromiseFulfilledResult<Item>).value);
}

export async function loadAllChecked(ids: string[]): Promise<Item[]> {
  const results = await Promise.allSettled(ids.map((id) => api.load(id)));
  const failed = results.filter((r) => r.status === 'rejected');
  if (failed.length > 0) {
    logger.warn(`${failed.length} loads failed`);
  }
  return results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
}
