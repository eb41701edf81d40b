// want: MIG-04
// path: src/migrations/Migration20261203151500.ts
import { Migration } from "@mikro-orm/migrations";

export class Migration20261203151500 extends Migration {
  async up(): Promise<void> {
    this.addSql('alter table "order" alter column "total" type numeric(12,2) using ("total"::numeric(12,2));');
  }

  async down(): Promise<void> {
    this.addSql('alter table "order" alter column "total" type int using ("total"::int);');
  }
}
