import { Job, UnrecoverableError, Worker } from "bullmq";

export const exports = new Worker("exports", async (job: Job<ExportJob>) => {
  try {
    await uploadExport(job.data.exportId);
  } catch (err) {
    throw new UnrecoverableError(String(err)); // expect: ANY-FAILURE-MADE-PERMANENT
  }
});

export const imports = new Worker("imports", async (job: Job<ImportJob>) => {
  try {
    await fetchFeed(job.data.url);
  } catch (err) {
    if (err instanceof FeedGoneError) {
      throw new UnrecoverableError("feed is gone");
    }
    throw err;
  }
});

export const parse = new Worker("parse", async (job: Job<ParseJob>) => {
  let doc: Doc;
  try {
    doc = JSON.parse(job.data.raw);
  } catch (err) {
    throw new UnrecoverableError("payload is not JSON");
  }
  await store.save(doc);
});
