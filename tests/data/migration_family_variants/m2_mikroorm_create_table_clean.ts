// clean: MIG-03
// path: src/migrations/Migration20261203140000.ts
import { Migration } from "@mikro-orm/migrations";

export class Migration20261203140000 extends Migration {
  async up(): Promise<void> {
    this.addSql('create table "review" ("id" serial primary key, "book_id" int not null, "rating" int not null, "created_at" timestamptz not null);');
    this.addSql('create index "review_book_id_index" on "review" ("book_id");');
    this.addSql('alter table "review" add constraint "review_book_id_foreign" foreign key ("book_id") references "book" ("id") on update cascade;');
  }

  async down(): Promise<void> {
    this.addSql('drop table if exists "review" cascade;');
  }
}
