// want: MIG-10
// path: migrations/20261203153000_backfill_projects_slug.ts
import type { Knex } from "knex";

function slugify(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
}

export async function up(knex: Knex): Promise<void> {
  const { rows } = await knex.raw("SELECT id, name FROM projects");
  for (const row of rows) {
    await knex.raw("UPDATE projects SET slug = ? WHERE id = ?", [slugify(row.name), row.id]);
  }
}

export async function down(): Promise<void> {}
