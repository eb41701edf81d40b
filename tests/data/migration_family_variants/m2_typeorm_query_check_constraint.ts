// want: MIG-06
// path: src/migrations/1764750200000-OrdersTotalCheck.ts
import { MigrationInterface, QueryRunner } from "typeorm";

export class OrdersTotalCheck1764750200000 implements MigrationInterface {
    name = "OrdersTotalCheck1764750200000";

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "orders" ADD CONSTRAINT "CHK_orders_total" CHECK ("total" >= 0)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "orders" DROP CONSTRAINT "CHK_orders_total"`);
    }
}
