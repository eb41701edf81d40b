// clean: MIG-06
// path: src/migrations/1764756700000-CreateCreditNotes.ts
import { MigrationInterface, QueryRunner } from "typeorm";

export class CreateCreditNotes1764756700000 implements MigrationInterface {
  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "credit_notes" ("id" SERIAL NOT NULL, "invoice_id" integer NOT NULL, "number" character varying NOT NULL, CONSTRAINT "PK_credit_notes" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_credit_notes_invoice" ON "credit_notes" ("invoice_id")`);
    await queryRunner.query(
      `ALTER TABLE "credit_notes" ADD CONSTRAINT "FK_credit_notes_invoice" FOREIGN KEY ("invoice_id") REFERENCES "invoices"("id") ON DELETE CASCADE`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "credit_notes"`);
  }
}
