// want: MIG-05
// path: src/migrations/Migration20261203134500.ts
import { Migration } from "@mikro-orm/migrations";

export class Migration20261203134500 extends Migration {
  async up(): Promise<void> {
    this.addSql('alter table "book" rename column "title" to "name";');
  }

  async down(): Promise<void> {
    this.addSql('alter table "book" rename column "name" to "title";');
  }
}
