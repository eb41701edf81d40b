// want: MIG-10
// path: migrations/20261203152000_backfill_projects_visibility.ts
import type { Knex } from "knex";

export async function up(knex: Knex): Promise<void> {
  await knex("projects").whereNull("visibility").update({ visibility: "private" });
}

export async function down(): Promise<void> {}
