// want: ANY-RETRY-NO-BACKOFF
export async function syncInventory(sku: string, qty: number): Promise<void> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      await warehouseApi.put(`/stock/${sku}`, { qty });
      return;
    } catch (err) {
      lastError = err;
      logger.warn({ err, attempt }, 'warehouse sync failed');
    }
  }
  throw lastError;
}
