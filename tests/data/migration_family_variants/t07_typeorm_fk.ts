// want: MIG-06
// path: src/migrations/1764756600000-InvoiceLinesFk.ts
import { MigrationInterface, QueryRunner } from "typeorm";

export class InvoiceLinesFk1764756600000 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "invoice_lines" ADD CONSTRAINT "FK_invoice_lines_invoice" FOREIGN KEY ("invoice_id") REFERENCES "invoices"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "invoice_lines" DROP CONSTRAINT "FK_invoice_lines_invoice"`);
  }
}
