// want: MIG-04
// path: src/migrations/1764750400000-OrdersTotalNumeric.ts
import { MigrationInterface, QueryRunner } from "typeorm";

export class OrdersTotalNumeric1764750400000 implements MigrationInterface {
    name = "OrdersTotalNumeric1764750400000";

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "orders" ALTER COLUMN "total" TYPE numeric(12,2)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "orders" ALTER COLUMN "total" TYPE integer`);
    }
}
