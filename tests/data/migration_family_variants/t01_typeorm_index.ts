// want: MIG-03
// path: src/migrations/1764756000000-InvoicesCustomerIdx.ts
import { MigrationInterface, QueryRunner } from "typeorm";

export class InvoicesCustomerIdx1764756000000 implements MigrationInterface {
  name = "InvoicesCustomerIdx1764756000000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "IDX_invoices_customer" ON "invoices" ("customer_id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_invoices_customer"`);
  }
}
