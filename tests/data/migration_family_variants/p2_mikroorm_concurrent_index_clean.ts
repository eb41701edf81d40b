// clean: MIG-03
// path: src/migrations/Migration20261203182000.ts
import { Migration } from "@mikro-orm/migrations";

export class Migration20261203182000 extends Migration {
  isTransactional(): boolean {
    return false;
  }

  async up(): Promise<void> {
    this.addSql('create index concurrently if not exists "book_author_id_index" on "book" ("author_id");');
  }

  async down(): Promise<void> {
    this.addSql('drop index concurrently if exists "book_author_id_index";');
  }
}
