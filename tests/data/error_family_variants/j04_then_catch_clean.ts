// clean: JS-PROMISE-UNHANDLED
export function refreshCache(client: ApiClient, cache: Cache, log: Logger): void {
  client.fetchRates()
    .then((rates) => {
      cache.set('rates', rates);
    })
    .catch((err) => log.error({ err }, 'refresh rates failed'));
}
