// want: MIG-12
// path: src/migrations/Migration20261203152500.ts
import { Migration } from "@mikro-orm/migrations";

export class Migration20261203152500 extends Migration {
  async up(): Promise<void> {
    this.addSql('create index concurrently "order_channel_index" on "order" ("channel");');
  }

  async down(): Promise<void> {
    this.addSql('drop index concurrently "order_channel_index";');
  }
}
