// want: MIG-04
// path: src/migrations/1764756500000-InvoicesTotalNumeric.ts
import { MigrationInterface, QueryRunner } from "typeorm";

export class InvoicesTotalNumeric1764756500000 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "invoices" ALTER COLUMN "total" TYPE numeric(12,2)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "invoices" ALTER COLUMN "total" TYPE integer`);
  }
}
