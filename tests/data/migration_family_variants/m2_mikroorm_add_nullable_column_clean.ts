// clean: MIG-02
// path: src/migrations/Migration20261203140500.ts
import { Migration } from "@mikro-orm/migrations";

export class Migration20261203140500 extends Migration {
  async up(): Promise<void> {
    this.addSql('alter table "book" add column "isbn" varchar(20) null, add column "pages" int not null default 0;');
  }

  async down(): Promise<void> {
    this.addSql('alter table "book" drop column "isbn", drop column "pages";');
  }
}
