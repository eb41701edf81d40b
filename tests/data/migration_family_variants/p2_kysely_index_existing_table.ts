// want: MIG-03
// path: src/migrations/2026_12_03_1840_index_orders_status.ts
import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex("orders_status_idx").on("orders").column("status").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("orders_status_idx").execute();
}
