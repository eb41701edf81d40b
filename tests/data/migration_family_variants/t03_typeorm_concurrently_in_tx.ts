// want: MIG-12
// path: src/migrations/1764756200000-InvoicesStatusIdx.ts
import { MigrationInterface, QueryRunner } from "typeorm";

export class InvoicesStatusIdx1764756200000 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX CONCURRENTLY "IDX_invoices_status" ON "invoices" ("status")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX CONCURRENTLY "IDX_invoices_status"`);
  }
}
