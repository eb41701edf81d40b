// want: ANY-FAILURE-MARKED-DONE
export async function runExports(repo: ExportRepo, storage: Storage): Promise<void> {
  const pending = await repo.findPending();
  for (const job of pending) {
    try {
      const file = await buildExport(job);
      await storage.upload(job.key, file);
    } catch (err) {
      logger.error({ err, jobId: job.id }, 'export failed');
    }
    await repo.update(job.id, { status: 'done', finishedAt: new Date() });
  }
}
