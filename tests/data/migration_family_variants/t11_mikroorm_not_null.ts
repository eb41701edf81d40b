// want: MIG-02
// path: src/migrations/Migration20261203150500.ts
import { Migration } from "@mikro-orm/migrations";

export class Migration20261203150500 extends Migration {
  async up(): Promise<void> {
    this.addSql('alter table "order" add column "currency" varchar(3) not null;');
  }

  async down(): Promise<void> {
    this.addSql('alter table "order" drop column "currency";');
  }
}
