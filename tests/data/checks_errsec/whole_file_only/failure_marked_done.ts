// Failed work recorded as done: the catch only logs, then the item is marked finished.
export async function runExports(repo: ExportRepo, storage: Storage): Promise<void> {
  for (const job of await repo.findPending()) {
    try {
      const file = await buildExport(job);
      await storage.upload(job.key, file);
    } catch (err) { // expect: ANY-FAILURE-MARKED-DONE
      logger.error({ err, jobId: job.id }, 'export failed');
    }
    await repo.update(job.id, { status: 'done', finishedAt: new Date() });
  }
}

export async function relay(events: OutboxEvent[], producer: Producer, outbox: OutboxRepo): Promise<void> {
  for (const ev of events) {
    try {
      await producer.send({ topic: ev.topic, messages: [{ key: ev.key, value: ev.payload }] });
    } catch (e) { // expect: ANY-FAILURE-MARKED-DONE
      console.error('publish failed', ev.id, e);
    }
    await outbox.markSent(ev.id);
  }
}

export async function runExportsSkippingFailures(repo: ExportRepo, storage: Storage): Promise<void> {
  for (const job of await repo.findPending()) {
    try {
      await storage.upload(job.key, await buildExport(job));
    } catch (err) {
      logger.error({ err, jobId: job.id }, 'export failed');
      await repo.update(job.id, { status: 'failed' });
      continue;
    }
    await repo.update(job.id, { status: 'done' });
  }
}

export async function relayRethrowing(ev: OutboxEvent, producer: Producer, outbox: OutboxRepo): Promise<void> {
  try {
    await producer.send({ topic: ev.topic, messages: [{ key: ev.key, value: ev.payload }] });
  } catch (e) {
    console.error('publish failed', ev.id, e);
    throw e;
  }
  await outbox.markSent(ev.id);
}
