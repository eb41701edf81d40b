// want: JS-ASYNC-NOT-AWAITED
export class AuditService {
  constructor(private readonly auditRepo: Repository<AuditLog>, private readonly events: EventBus) {}

  async record(userId: string, action: string): Promise<void> {
    this.auditRepo.save({ userId, action, at: new Date() });
    await this.events.publish('audit', { userId, action });
  }
}
