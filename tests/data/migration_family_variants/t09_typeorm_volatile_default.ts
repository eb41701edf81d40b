// want: MIG-08
// path: src/migrations/1764756800000-InvoicesPublicId.ts
import { MigrationInterface, QueryRunner } from "typeorm";

export class InvoicesPublicId1764756800000 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "invoices" ADD "public_id" uuid NOT NULL DEFAULT uuid_generate_v4()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "invoices" DROP COLUMN "public_id"`);
  }
}
