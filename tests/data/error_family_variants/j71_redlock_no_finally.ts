// want: ANY-LOCK-RELEASED-ONLY-ON-SUCCESS
export async function buildReport(tenantId: string): Promise<void> {
  const lock = await redlock.acquire([`report:${tenantId}`], 600_000);
  const report = await builder.build(tenantId);
  await storage.upload(report);
  await lock.release();
}
