// want: MIG-10
// path: src/migrations/1764750500000-BackfillOrdersChannel.ts
import { MigrationInterface, QueryRunner } from "typeorm";

export class BackfillOrdersChannel1764750500000 implements MigrationInterface {
    name = "BackfillOrdersChannel1764750500000";

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "orders" ADD "channel" character varying`);
        await queryRunner.query(`UPDATE "orders" SET "channel" = 'web' WHERE "channel" IS NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "orders" DROP COLUMN "channel"`);
    }
}
