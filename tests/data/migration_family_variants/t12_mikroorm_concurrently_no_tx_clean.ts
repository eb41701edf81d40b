// clean: MIG-03
// path: src/migrations/Migration20261203151000.ts
import { Migration } from "@mikro-orm/migrations";

export class Migration20261203151000 extends Migration {
  isTransactional(): boolean {
    return false;
  }

  async up(): Promise<void> {
    this.addSql('create index concurrently if not exists "order_status_index" on "order" ("status");');
  }

  async down(): Promise<void> {
    this.addSql('drop index concurrently if exists "order_status_index";');
  }
}
