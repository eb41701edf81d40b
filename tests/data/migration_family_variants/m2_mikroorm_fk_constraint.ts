// want: MIG-06
// path: src/migrations/Migration20261203135500.ts
import { Migration } from "@mikro-orm/migrations";

export class Migration20261203135500 extends Migration {
  async up(): Promise<void> {
    this.addSql('alter table "book" add constraint "book_publisher_id_foreign" foreign key ("publisher_id") references "publisher" ("id") on update cascade on delete set null;');
  }

  async down(): Promise<void> {
    this.addSql('alter table "book" drop constraint "book_publisher_id_foreign";');
  }
}
