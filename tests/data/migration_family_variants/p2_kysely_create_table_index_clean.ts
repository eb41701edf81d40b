// clean: MIG-03
// path: src/migrations/2026_12_03_1830_create_api_keys.ts
import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("api_keys")
    .addColumn("id", "bigserial", (col) => col.primaryKey())
    .addColumn("account_id", "bigint", (col) => col.notNull().references("accounts.id").onDelete("cascade"))
    .addColumn("prefix", "varchar(12)", (col) => col.notNull())
    .addColumn("created_at", "timestamptz", (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema.createIndex("api_keys_account_idx").on("api_keys").column("account_id").execute();
  await db.schema.createIndex("api_keys_prefix_key").on("api_keys").column("prefix").unique().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("api_keys").execute();
}
