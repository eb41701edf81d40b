// clean: MIG-06
// path: src/migrations/1733250000000-CommentsPostFk.ts
import { MigrationInterface, QueryRunner } from "typeorm";

export class CommentsPostFk1733250000000 implements MigrationInterface {
  name = "CommentsPostFk1733250000000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "comments" ADD CONSTRAINT "FK_comments_post" FOREIGN KEY ("post_id") REFERENCES "posts"("id") ON DELETE CASCADE NOT VALID`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "comments" DROP CONSTRAINT "FK_comments_post"`);
  }
}
