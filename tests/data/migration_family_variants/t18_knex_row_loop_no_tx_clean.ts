// clean: MIG-10
// path: migrations/20261203153500_backfill_projects_key.ts
import type { Knex } from "knex";

export const config = { transaction: false };

export async function up(knex: Knex): Promise<void> {
  const { rows } = await knex.raw("SELECT id, name FROM projects");
  for (const row of rows) {
    await knex.raw("UPDATE projects SET key = ? WHERE id = ?", [row.name.slice(0, 8).toUpperCase(), row.id]);
  }
}

export async function down(): Promise<void> {}
