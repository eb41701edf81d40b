// want: MIG-02
// path: src/migrations/1764756300000-InvoicesCurrency.ts
import { MigrationInterface, QueryRunner } from "typeorm";

export class InvoicesCurrency1764756300000 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "invoices" ADD "currency" character varying(3) NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "invoices" DROP COLUMN "currency"`);
  }
}
