// clean: JS-MIG-INDEX-LOCK
// path: src/migrations/1764763200000-CreateChannelMembers.ts
import { MigrationInterface, QueryRunner } from "typeorm";

export class CreateChannelMembers1764763200000 implements MigrationInterface {
  name = "CreateChannelMembers1764763200000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "channel_member" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "channelId" uuid NOT NULL, "userId" uuid NOT NULL, CONSTRAINT "PK_channel_member" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_channel_member_pair" ON "channel_member" ("channelId", "userId")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "channel_member"`);
  }
}
