// want: MIG-01
// path: src/migrations/Migration20261203135000.ts
import { Migration } from "@mikro-orm/migrations";

export class Migration20261203135000 extends Migration {
  async up(): Promise<void> {
    this.addSql('alter table "book" drop column "subtitle";');
  }

  async down(): Promise<void> {
    this.addSql('alter table "book" add column "subtitle" varchar(255) null;');
  }
}
