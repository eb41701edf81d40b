// want: JS-ALLSETTLED-UNCHECKED
export async function loadAll(ids: string[]): Promise<Item[]> {
  const results = await Promise.allSettled(ids.map((id) => api.getItem(id)));
  return results.map((r: any) => r.value);
}
