// want: MIG-02
// path: src/migrations/1764757400000-InvoicesCustomerRequired.ts
import { MigrationInterface, QueryRunner } from "typeorm";

export class InvoicesCustomerRequired1764757400000 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "invoices" ALTER COLUMN "customer_id" SET NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "invoices" ALTER COLUMN "customer_id" DROP NOT NULL`);
  }
}
