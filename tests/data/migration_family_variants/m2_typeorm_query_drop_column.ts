// want: MIG-01
// path: src/migrations/1764750000000-DropUsersLegacyRole.ts
import { MigrationInterface, QueryRunner } from "typeorm";

export class DropUsersLegacyRole1764750000000 implements MigrationInterface {
    name = "DropUsersLegacyRole1764750000000";

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "legacy_role"`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "users" ADD "legacy_role" character varying`);
    }
}
