// want: ANY-LOCK-RELEASED-ONLY-ON-SUCCESS
export async function syncTenant(tenantId: string): Promise<void> {
  const key = `sync-lock:${tenantId}`;
  const ok = await redis.set(key, process.pid, 'PX', 300000, 'NX');
  if (!ok) return;
  await crm.syncContacts(tenantId);
  await redis.del(key);
}
