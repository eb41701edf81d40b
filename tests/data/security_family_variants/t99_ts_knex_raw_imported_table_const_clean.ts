// clean: JS-SQL-STRING
import type { Knex } from "knex";
import { T } from "./tables";

export class FavoriteProjectsStore {
  constructor(private readonly db: Knex) {}

  async isFavorite(userId: number, project: string): Promise<boolean> {
    const result = await this.db.raw(
      `SELECT EXISTS(SELECT 1 FROM ${T.FAVORITE_PROJECTS} WHERE user_id = ? AND project = ?) AS present`,
      [userId, project],
    );
    return result.rows[0].present;
  }
}
