// clean: MIG-03
// path: src/migrations/1764750800000-CreateAuditEntries.ts
import { MigrationInterface, QueryRunner } from "typeorm";

export class CreateAuditEntries1764750800000 implements MigrationInterface {
    name = "CreateAuditEntries1764750800000";

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "audit_entries" ("id" SERIAL NOT NULL, "actor_id" integer NOT NULL, "action" character varying NOT NULL, "created_at" TIMESTAMP NOT NULL DEFAULT now(), CONSTRAINT "PK_audit_entries" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "IDX_audit_entries_actor" ON "audit_entries" ("actor_id") `);
        await queryRunner.query(`ALTER TABLE "audit_entries" ADD CONSTRAINT "FK_audit_entries_actor" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "audit_entries"`);
    }
}
