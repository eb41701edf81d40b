// want: MIG-03
// path: src/migrations/Migration20261203150000.ts
import { Migration } from "@mikro-orm/migrations";

export class Migration20261203150000 extends Migration {
  async up(): Promise<void> {
    this.addSql('create index "order_customer_id_index" on "order" ("customer_id");');
  }

  async down(): Promise<void> {
    this.addSql('drop index "order_customer_id_index";');
  }
}
