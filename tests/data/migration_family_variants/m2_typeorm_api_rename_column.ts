// want: MIG-05
// path: src/migrations/1764750600000-RenameUsersNick.ts
import { MigrationInterface, QueryRunner } from "typeorm";

export class RenameUsersNick1764750600000 implements MigrationInterface {
    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.renameColumn("users", "nick", "handle");
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.renameColumn("users", "handle", "nick");
    }
}
