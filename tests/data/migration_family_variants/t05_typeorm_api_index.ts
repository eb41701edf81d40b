// want: MIG-03
// path: src/migrations/1764756400000-InvoicesNumberIdx.ts
import { MigrationInterface, QueryRunner, TableIndex } from "typeorm";

export class InvoicesNumberIdx1764756400000 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      "invoices",
      new TableIndex({ name: "IDX_invoices_number", columnNames: ["number"] }),
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex("invoices", "IDX_invoices_number");
  }
}
