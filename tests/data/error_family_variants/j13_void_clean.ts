// clean: JS-ASYNC-NOT-AWAITED
export class AuditService {
  constructor(private readonly auditRepo: Repository<AuditLog>, private readonly events: EventBus) {}

  async record(userId: string, action: string): Promise<void> {
    void this.events.publish('audit', { userId, action }).catch((err) => this.log.warn(err));
    await this.auditRepo.save({ userId, action, at: new Date() });
  }
}
