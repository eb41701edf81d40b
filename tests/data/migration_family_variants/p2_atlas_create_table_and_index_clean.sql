-- clean: MIG-03
-- path: migrations/20261203180500_create_audit_events.sql
-- Create "audit_events" table
CREATE TABLE "audit_events" (
  "id" bigserial NOT NULL,
  "account_id" bigint NOT NULL,
  "actor_id" bigint NULL,
  "action" character varying(64) NOT NULL,
  "created_at" timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY ("id")
);
-- Create index "audit_events_account_created" to table: "audit_events"
CREATE INDEX "audit_events_account_created" ON "audit_events" ("account_id", "created_at");
-- Create index "audit_events_actor" to table: "audit_events"
CREATE INDEX "audit_events_actor" ON "audit_events" ("actor_id");
