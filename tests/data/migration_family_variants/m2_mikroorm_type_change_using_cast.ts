// want: MIG-04
// path: src/migrations/Migration20261203142500.ts
import { Migration } from "@mikro-orm/migrations";

export class Migration20261203142500 extends Migration {
  async up(): Promise<void> {
    this.addSql('alter table "book" alter column "pages" type bigint using ("pages"::bigint);');
  }

  async down(): Promise<void> {
    this.addSql('alter table "book" alter column "pages" type int using ("pages"::int);');
  }
}
