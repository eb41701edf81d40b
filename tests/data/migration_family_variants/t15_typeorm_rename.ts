// want: MIG-05
// path: src/migrations/1764756900000-InvoicesRenameKind.ts
import { MigrationInterface, QueryRunner } from "typeorm";

export class InvoicesRenameKind1764756900000 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.renameColumn("invoices", "kind", "category");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.renameColumn("invoices", "category", "kind");
  }
}
