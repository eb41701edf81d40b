// clean: MIG-02
// path: src/migrations/1764757200000-InvoicesChannel.ts
import { MigrationInterface, QueryRunner, TableColumn } from "typeorm";

export class InvoicesChannel1764757200000 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      "invoices",
      new TableColumn({ name: "channel", type: "varchar", length: "16", isNullable: false, default: "'web'" }),
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn("invoices", "channel");
  }
}
