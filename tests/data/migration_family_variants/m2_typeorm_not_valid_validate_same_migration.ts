// want: MIG-06
// path: src/migrations/1764750900000-OrdersCouponFk.ts
import { MigrationInterface, QueryRunner } from "typeorm";

export class OrdersCouponFk1764750900000 implements MigrationInterface {
    name = "OrdersCouponFk1764750900000";

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "orders" ADD CONSTRAINT "FK_orders_coupon" FOREIGN KEY ("coupon_id") REFERENCES "coupons"("id") NOT VALID`);
        await queryRunner.query(`ALTER TABLE "orders" VALIDATE CONSTRAINT "FK_orders_coupon"`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "orders" DROP CONSTRAINT "FK_orders_coupon"`);
    }
}
