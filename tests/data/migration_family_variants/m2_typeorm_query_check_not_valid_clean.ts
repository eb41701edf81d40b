// clean: MIG-06
// path: src/migrations/1764750300000-OrdersDiscountCheck.ts
import { MigrationInterface, QueryRunner } from "typeorm";

export class OrdersDiscountCheck1764750300000 implements MigrationInterface {
    name = "OrdersDiscountCheck1764750300000";

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "orders" ADD CONSTRAINT "CHK_orders_discount" CHECK ("discount" >= 0) NOT VALID`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "orders" DROP CONSTRAINT "CHK_orders_discount"`);
    }
}
