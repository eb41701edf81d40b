-- clean: MIG-08
-- path: src/main/resources/db/migration/V58__add_shipments_priority.sql
ALTER TABLE shipments ADD COLUMN priority smallint NOT NULL DEFAULT 0;
ALTER TABLE shipments ADD COLUMN requires_signature boolean NOT NULL DEFAULT false;
