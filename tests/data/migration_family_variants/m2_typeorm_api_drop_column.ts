// want: MIG-01
// path: src/migrations/1764750700000-DropUsersFax.ts
import { MigrationInterface, QueryRunner, TableColumn } from "typeorm";

export class DropUsersFax1764750700000 implements MigrationInterface {
    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.dropColumn("users", "fax");
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.addColumn("users", new TableColumn({ name: "fax", type: "varchar", isNullable: true }));
    }
}
