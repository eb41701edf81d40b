// Redis locks released after the work, next to locks released in finally.
export async function buildReportj71(tenantId: string): Promise<void> {
  const lock = await redlock.acquire([`report:${tenantId}`], 600_000); // expect: ANY-LOCK-RELEASED-ONLY-ON-SUCCESS
  const report = await builder.build(tenantId);
  await storage.upload(report);
  await lock.release();
}

export async function buildReportj72(tenantId: string): Promise<void> {
  const lock = await redlock.acquire([`report:${tenantId}`], 600_000);
  try {
    const report = await builder.build(tenantId);
    await storage.upload(report);
  } finally {
    await lock.release();
  }
}

export async function syncTenantj73(tenantId: string): Promise<void> {
  const key = `sync-lock:${tenantId}`;
  const ok = await redis.set(key, process.pid, 'PX', 300000, 'NX'); // expect: ANY-LOCK-RELEASED-ONLY-ON-SUCCESS
  if (!ok) return;
  await crm.syncContacts(tenantId);
  await redis.del(key);
}

export async function withResourcej74(pool: Pool<Browser>): Promise<string> {
  const browser = await pool.acquire();
  const html = await render(browser);
  await pool.release(browser);
  return html;
}

