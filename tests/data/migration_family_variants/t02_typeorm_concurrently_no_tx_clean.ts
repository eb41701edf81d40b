// clean: MIG-03
// path: src/migrations/1764756100000-InvoicesDueIdx.ts
import { MigrationInterface, QueryRunner } from "typeorm";

export class InvoicesDueIdx1764756100000 implements MigrationInterface {
  name = "InvoicesDueIdx1764756100000";
  transaction = false;

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX CONCURRENTLY IF NOT EXISTS "IDX_invoices_due" ON "invoices" ("due_at")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX CONCURRENTLY IF EXISTS "IDX_invoices_due"`);
  }
}
