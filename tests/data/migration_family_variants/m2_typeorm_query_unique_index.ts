// want: MIG-03
// path: src/migrations/1764750100000-UsersEmailUnique.ts
import { MigrationInterface, QueryRunner } from "typeorm";

export class UsersEmailUnique1764750100000 implements MigrationInterface {
    name = "UsersEmailUnique1764750100000";

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE UNIQUE INDEX "IDX_users_email" ON "users" ("email") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."IDX_users_email"`);
    }
}
