// clean: ANY-FAILURE-MARKED-DONE
export async function runExports(repo: ExportRepo, storage: Storage): Promise<void> {
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
