// clean: ANY-RETRY-NO-BACKOFF (waits between attempts)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function syncInventory(sku: string, qty: number): Promise<void> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      await warehouseApi.put(`/stock/${sku}`, { qty });
      return;
    } catch (err) {
      lastError = err;
      logger.warn({ err, attempt }, 'warehouse sync failed');
      await sleep(250 * 2 ** attempt);
    }
  }
  throw lastError;
}
