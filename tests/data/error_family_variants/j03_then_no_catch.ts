// want: JS-PROMISE-UNHANDLED
export function refreshCache(client: ApiClient, cache: Cache): void {
  client.fetchRates().then((rates) => {
    cache.set('rates', rates);
  });
}
