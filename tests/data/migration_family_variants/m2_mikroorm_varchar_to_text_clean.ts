// clean: MIG-04
// path: src/migrations/Migration20261203141000.ts
import { Migration } from "@mikro-orm/migrations";

export class Migration20261203141000 extends Migration {
  async up(): Promise<void> {
    this.addSql('alter table "book" alter column "blurb" type text using ("blurb"::text);');
  }

  async down(): Promise<void> {
    this.addSql('alter table "book" alter column "blurb" type varchar(255) using ("blurb"::varchar(255));');
  }
}
