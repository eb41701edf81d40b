// clean: MIG-10
// path: src/migrations/1764757000000-FixLegacyInvoiceNumbers.ts
import { MigrationInterface, QueryRunner } from "typeorm";

export class FixLegacyInvoiceNumbers1764757000000 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    const rows = await queryRunner.query(`SELECT id, number FROM invoices WHERE number LIKE 'LEGACY-%' AND created_at < '2020-01-01'`);
    for (const row of rows) {
      await queryRunner.query(`UPDATE invoices SET number = $1 WHERE id = $2`, [row.number.slice(7), row.id]);
    }
  }

  public async down(): Promise<void> {}
}
