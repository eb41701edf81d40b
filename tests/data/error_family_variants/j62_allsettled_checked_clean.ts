// clean: JS-ALLSETTLED-UNCHECKED
export async function loadAll(ids: string[]): Promise<Item[]> {
  const results = await Promise.allSettled(ids.map((id) => api.getItem(id)));
  const failed = results.filter((r) => r.status === 'rejected');
  if (failed.length) logger.warn({ failed: failed.length }, 'some items failed');
  return results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
}
