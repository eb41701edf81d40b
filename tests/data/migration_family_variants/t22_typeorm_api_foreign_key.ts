// want: MIG-06
// path: src/migrations/1764757300000-InvoicesAccountFk.ts
import { MigrationInterface, QueryRunner, TableForeignKey } from "typeorm";

export class InvoicesAccountFk1764757300000 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createForeignKey(
      "invoices",
      new TableForeignKey({
        columnNames: ["account_id"],
        referencedTableName: "accounts",
        referencedColumnNames: ["id"],
        onDelete: "CASCADE",
      }),
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropForeignKey("invoices", "FK_invoices_account");
  }
}
