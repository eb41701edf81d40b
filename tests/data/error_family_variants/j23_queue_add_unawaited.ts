// want: JS-ASYNC-NOT-AWAITED
export class ExportService {
  constructor(@InjectQueue('exports') private readonly exportsQueue: Queue, private readonly repo: ExportRepository) {}

  async request(userId: string): Promise<ExportJob> {
    const job = await this.repo.insert({ userId, status: 'pending' });
    this.exportsQueue.add('build', { jobId: job.id });
    return job;
  }
}
