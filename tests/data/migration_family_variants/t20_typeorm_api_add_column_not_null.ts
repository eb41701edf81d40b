// want: MIG-02
// path: src/migrations/1764757100000-InvoicesRegion.ts
import { MigrationInterface, QueryRunner, TableColumn } from "typeorm";

export class InvoicesRegion1764757100000 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      "invoices",
      new TableColumn({ name: "region", type: "varchar", length: "8", isNullable: false }),
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn("invoices", "region");
  }
}
